/**
 * The HJ 212-2017 adapter's public surface: the listener the core registers, and the codec
 * pieces tools and tests build frames with.
 */
export { Hj212Listener, type Hj212ListenerOptions, type Hj212Counters } from './hj212-listener.js';
export { encodeFrame, Hj212FrameDecoder, MAX_DATA_SEGMENT_BYTES, MAX_FRAME_BYTES, type Hj212DecodeEvent, type Hj212FrameFault } from './frame-codec.js';
export { hj212Crc16, formatCrc } from './crc16.js';
export { parseDataSegment, formatDataSegment, type Hj212Packet, type Hj212Parameters, type Hj212Header } from './data-segment.js';
export { parseFlag, formatFlag, type Hj212Flag } from './flag.js';
export { parseDataTime } from './data-time.js';
export { toDustReading, REAL_TIME_COMMAND, POLLUTANT_FIELDS, NOISE_CODES } from './readings.js';
export { toIntervalRecord, INTERVAL_COMMANDS, type Hj212Interval } from './interval-records.js';
