import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A workbook whose xl/worksheets/sheet1.xml inflates to `megabytes` MB of repeated bytes while
 * both its local header and the central directory declare 15 KB: the crafted file of issue 20.
 * Built without holding the inflated bytes: 1 MB of spaces deflated once with a sync flush (a
 * segment that refers to nothing before it), repeated, then an empty final block.
 */
export async function xlsxBomb(megabytes = 300): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Unit').addRows([['Kode', 'Nama', 'Jenis'], ['DINKES', 'Dinas Kesehatan', 'Dinas']]);
  const honest = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const bomb = Buffer.concat([...Array<Buffer>(megabytes).fill(segment), deflateRawSync(Buffer.alloc(0))]);
  const entries: { name: string; packed: Buffer; crc: number; declared: number }[] = [];
  for (const name of Object.keys(honest.files).filter((n) => !honest.files[n]!.dir)) {
    if (name === 'xl/worksheets/sheet1.xml') entries.push({ name, packed: bomb, crc: 0, declared: 15 * 1024 });
    else {
      const data = await honest.file(name)!.async('nodebuffer');
      entries.push({ name, packed: deflateRawSync(data), crc: crc32(data), declared: data.length });
    }
  }
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, packed, crc, declared } of entries) {
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    directory.push(central, fileName);
    offset += 30 + fileName.length + packed.length;
  }
  const size = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}
