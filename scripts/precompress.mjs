// A rollup plugin, plain JavaScript so rollup.config.mjs can load it as it is (the bench's
// page build loads it too).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Writes each file a browser loads (the bundle, its chunks) beside it compressed, as
 * `.br` (quality 11) and `.gz` (level 9): a server or CDN sends the smaller one as it is
 * (`Content-Encoding`) instead of compressing on every request, or not at all.
 */
export function precompressed() {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'precompressed',
    async writeBundle({ dir }, bundle) {
      const files = Object.values(bundle).filter((file) => file.type === 'chunk');
      await Promise.all(
        files.map(async ({ fileName }) => {
          const path = join(dir, fileName);
          // As written, with its source map comment: the same bytes, compressed.
          const code = await readFile(path);
          await writeFile(`${path}.br`, await br(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${path}.gz`, await gz(code, { level: 9 }));
        }),
      );
    },
  };
}

