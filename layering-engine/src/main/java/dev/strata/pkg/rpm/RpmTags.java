package dev.strata.pkg.rpm;

/** RPM header tag numbers used by the reader (from rpmtag.h). */
final class RpmTags {
  private RpmTags() {}

  static final int SIG_SIZE = 1000;
  static final int SIG_LONGSIZE = 270;
  static final int SIG_SHA1 = 269;
  static final int SIG_SHA256 = 273;
  static final int SIG_DSAHEADER = 267;
  static final int SIG_RSAHEADER = 268;
  static final int SIG_PGP = 1002;
  static final int SIG_GPG = 1005;

  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int SUMMARY = 1004;
  static final int DESCRIPTION = 1005;
  static final int BUILDTIME = 1006;
  static final int BUILDHOST = 1007;
  static final int SIZE = 1009;
  static final int VENDOR = 1011;
  static final int LICENSE = 1014;
  static final int PACKAGER = 1015;
  static final int GROUP = 1016;
  static final int URL = 1020;
  static final int OS = 1021;
  static final int ARCH = 1022;
  static final int PREIN = 1023;
  static final int POSTIN = 1024;
  static final int PREUN = 1025;
  static final int POSTUN = 1026;
  static final int OLDFILENAMES = 1027;
  static final int FILESIZES = 1028;
  static final int FILEMODES = 1030;
  static final int FILERDEVS = 1033;
  static final int FILEMTIMES = 1034;
  static final int FILEDIGESTS = 1035;
  static final int FILELINKTOS = 1036;
  static final int FILEFLAGS = 1037;
  static final int FILEUSERNAME = 1039;
  static final int FILEGROUPNAME = 1040;
  static final int SOURCERPM = 1044;
  static final int PROVIDENAME = 1047;
  static final int REQUIREFLAGS = 1048;
  static final int REQUIRENAME = 1049;
  static final int REQUIREVERSION = 1050;
  static final int CONFLICTFLAGS = 1053;
  static final int CONFLICTNAME = 1054;
  static final int CONFLICTVERSION = 1055;
  static final int TRIGGERSCRIPTS = 1065;
  static final int TRIGGERNAME = 1066;
  static final int TRIGGERVERSION = 1067;
  static final int TRIGGERFLAGS = 1068;
  static final int TRIGGERINDEX = 1069;
  static final int VERIFYSCRIPT = 1079;
  static final int PREINPROG = 1085;
  static final int POSTINPROG = 1086;
  static final int PREUNPROG = 1087;
  static final int POSTUNPROG = 1088;
  static final int OBSOLETENAME = 1090;
  static final int VERIFYSCRIPTPROG = 1091;
  static final int TRIGGERSCRIPTPROG = 1092;
  static final int FILEDEVICES = 1095;
  static final int FILEINODES = 1096;
  static final int PROVIDEFLAGS = 1112;
  static final int PROVIDEVERSION = 1113;
  static final int OBSOLETEFLAGS = 1114;
  static final int OBSOLETEVERSION = 1115;
  static final int DIRINDEXES = 1116;
  static final int BASENAMES = 1117;
  static final int DIRNAMES = 1118;
  static final int PAYLOADFORMAT = 1124;
  static final int PAYLOADCOMPRESSOR = 1125;
  static final int PRETRANS = 1151;
  static final int POSTTRANS = 1152;
  static final int PRETRANSPROG = 1153;
  static final int POSTTRANSPROG = 1154;
  static final int LONGFILESIZES = 5008;
  static final int FILEDIGESTALGO = 5011;
  static final int RECOMMENDNAME = 5046;
  static final int RECOMMENDVERSION = 5047;
  static final int RECOMMENDFLAGS = 5048;
  static final int SUGGESTNAME = 5049;
  static final int SUGGESTVERSION = 5050;
  static final int SUGGESTFLAGS = 5051;
  static final int SUPPLEMENTNAME = 5052;
  static final int SUPPLEMENTVERSION = 5053;
  static final int SUPPLEMENTFLAGS = 5054;
  static final int ENHANCENAME = 5055;
  static final int ENHANCEVERSION = 5056;
  static final int ENHANCEFLAGS = 5057;
  static final int PAYLOADDIGEST = 5092;
  static final int PAYLOADDIGESTALGO = 5093;

  static final int SENSE_LESS = 1 << 1;
  static final int SENSE_GREATER = 1 << 2;
  static final int SENSE_EQUAL = 1 << 3;
  static final int SENSE_TRIGGERIN = 1 << 16;
  static final int SENSE_TRIGGERUN = 1 << 17;
  static final int SENSE_TRIGGERPOSTUN = 1 << 18;
  static final int SENSE_TRIGGERPREIN = 1 << 25;

  static final int FILE_CONFIG = 1;
  static final int FILE_GHOST = 1 << 6;

  /** @return the digest name for an RPM PGPHASHALGO value, or null if unknown */
  static String digestAlgo(long algo) {
    return switch ((int) algo) {
      case 1 -> "md5";
      case 2 -> "sha1";
      case 8 -> "sha256";
      case 9 -> "sha384";
      case 10 -> "sha512";
      case 11 -> "sha224";
      default -> null;
    };
  }
}
