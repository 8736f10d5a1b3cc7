/**
 * The longest record the native reader takes (DuckDB's default). Its read buffers are twice
 * this per thread, held within the memory limit; a longer record fails the batch and its file
 * goes to the decoder, which takes records of any length.
 */
export const nativeMaxObjectBytes = 16 * 1024 * 1024;
