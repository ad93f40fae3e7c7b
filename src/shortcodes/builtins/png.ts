/**
 * A black-and-white PNG of a square grid of modules (a QR code): one bit a
 * pixel, deflated, about 400 bytes for a URL. node:zlib does the work, so
 * no image library is needed.
 */
import { crc32, deflateSync } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG of `modules` (rows of `true` for black), each module `scale` pixels square. */
export function modulesPng(modules: readonly (readonly boolean[])[], scale: number): Buffer {
  const size = modules.length * scale;
  const stride = Math.ceil(size / 8) + 1;
  // Each row: filter type 0 (none), then the pixels, 1 (white) or 0 (black), most significant bit first.
  const pixels = Buffer.alloc(stride * size);
  for (let y = 0; y < size; y++) {
    const row = modules[Math.floor(y / scale)]!;
    for (let x = 0; x < size; x++) {
      if (!row[Math.floor(x / scale)]) pixels[y * stride + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth; colour type 0 (grey), compression, filter and interlace 0
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
