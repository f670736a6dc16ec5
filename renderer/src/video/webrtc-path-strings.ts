import { addStrings } from '../i18n/add-strings.js';

/** The tile's path label and its tooltip (keys `videoPath.label.*`, `videoPath.why.*`), Chinese first. */
addStrings(
  'videoPath',
  {
    label: { webrtc: 'WebRTC', mse: 'MSE', fallback: 'Transcode' },
    why: {
      best: 'WebRTC: the camera’s H.264 passed through, lowest delay',
      forced: 'Path set by the page address (?videoPath=)',
      noWebRtc: 'This browser has no WebRTC: MSE',
      webrtcFailed: 'WebRTC did not connect or showed no picture: MSE',
      webrtcUnstable: 'WebRTC kept dropping: MSE',
      webrtcRetry: 'WebRTC dropped: connecting again',
      codecUnsupported: 'The browser cannot decode the camera’s codec: the core transcodes to H.264',
    },
  },
  {
    label: { webrtc: 'WebRTC', mse: 'MSE', fallback: '转码' },
    why: {
      best: 'WebRTC：摄像机 H.264 直通，延迟最低',
      forced: '由页面地址指定（?videoPath=）',
      noWebRtc: '此浏览器不支持 WebRTC，改用 MSE',
      webrtcFailed: 'WebRTC 未连通或无画面，改用 MSE',
      webrtcUnstable: 'WebRTC 多次中断，改用 MSE',
      webrtcRetry: 'WebRTC 中断，正在重连',
      codecUnsupported: '浏览器无法解码摄像机编码，由核心转码为 H.264',
    },
  },
);
