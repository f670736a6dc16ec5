/** The alarm vocabulary lives in common/ (the UI shows the same objects); re-exported for the core. */
export * from '../../common/alarms.js';
