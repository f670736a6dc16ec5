/** Data segments shared by the HJ 212 unit tests. */

/** What a site dust/noise monitor sends every 30 s: a 2011 frame with several pollutants and flags. */
export const CAPTURED_2011 =
  'QN=20240315143025123;ST=22;CN=2011;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20240315143000;' +
  'a34001-Rtd=186.3,a34001-Flag=N;a34002-Rtd=92.4,a34002-Flag=N;a34004-Rtd=41.7,a34004-Flag=N;' +
  'a01001-Rtd=18.6,a01001-Flag=N;a01002-Rtd=56.2,a01002-Flag=N;a01006-Rtd=101.32,a01006-Flag=N;' +
  'a01007-Rtd=2.3,a01007-Flag=N;a01008-Rtd=135,a01008-Flag=M;LA-Rtd=63.8,LA-Flag=N&&';
