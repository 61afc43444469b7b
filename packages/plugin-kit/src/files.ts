/** The processor module's file name inside a plugin's dist/ (resolved relative to index.js). */
export const PROCESSOR_FILE = 'processor.js';
