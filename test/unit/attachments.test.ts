import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAttachment, checkAttachments, defaultAttachmentPolicy, formatBytes, type AttachmentPolicy } from '../../src/model/attachments.js';
import { ImError } from '../../src/model/errors.js';

const MB = 1024 * 1024;
const file = (name: string, size = 1000, type = '') => ({ name, size, type });

describe('attachments: one file', () => {
  it('allows the listed document, image, audio, video and archive types, whatever the case of the extension', () => {
    for (const name of ['Plan.PDF', 'essay.docx', 'grades.xlsx', 'slides.pptx', 'notes.odt', 'data.csv', 'photo.JPG', 'IMG_0001.heic', 'talk.m4a', 'clip.mov', 'work.7z']) {
      assert.equal(checkAttachment(file(name)), undefined, name);
    }
  });

  it('refuses a type outside the list with the spec\'s words', () => {
    for (const name of ['setup.exe', 'page.html', 'drawing.svg', 'script.js', 'README', '.pdf', 'report.pdf.']) {
      const error = checkAttachment(file(name));
      assert.ok(error instanceof ImError, name);
      assert.equal(error.code, 'file-type-not-allowed');
      assert.equal(error.message, `Sorry, you can't send ${name}`);
      assert.deepEqual(error.details, { name });
    }
  });

  it('refuses a dangerous MIME type even behind an allowed extension', () => {
    for (const type of ['text/html', 'text/html; charset=utf-8', 'application/javascript', 'IMAGE/SVG+XML', 'application/x-msdownload']) {
      assert.equal(checkAttachment(file('innocent.pdf', 1000, type))?.code, 'file-type-not-allowed', type);
    }
  });

  it('takes an ordinary or missing MIME type as advice only', () => {
    assert.equal(checkAttachment(file('scan.pdf', 1000, 'application/octet-stream')), undefined);
    assert.equal(checkAttachment(file('scan.pdf', 1000, '')), undefined);
  });

  it('allows exactly 20 MB and refuses a byte more, naming the limit', () => {
    assert.equal(checkAttachment(file('video.mp4', 20 * MB)), undefined);
    const error = checkAttachment(file('video.mp4', 20 * MB + 1));
    assert.equal(error?.code, 'file-too-large');
    assert.equal(error?.message, 'video.mp4 is larger than 20 MB');
    assert.deepEqual(error?.details, { name: 'video.mp4', maxBytes: 20 * MB });
  });

  it('allows an empty file', () => {
    assert.equal(checkAttachment(file('empty.txt', 0)), undefined);
  });

  it('refuses an empty, blank, too long or path-like name as invalid', () => {
    for (const name of ['', '   ', `${'a'.repeat(252)}.pdf`, '../etc/passwd.txt', 'a\\b.txt', 'line\nbreak.txt']) {
      assert.equal(checkAttachment(file(name))?.code, 'invalid', JSON.stringify(name));
    }
    assert.equal(checkAttachment(file(`${'a'.repeat(251)}.pdf`)), undefined);
  });

  it('refuses a negative, fractional or non-numeric size as invalid', () => {
    for (const size of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(checkAttachment(file('a.pdf', size))?.code, 'invalid', `${size}`);
  });

  it('follows a host\'s own policy, with extensions given with a dot or in capitals', () => {
    const policy: AttachmentPolicy = { maxBytes: 1000, maxFiles: 2, allowedExtensions: ['.PY', 'md'] };
    assert.equal(checkAttachment(file('task.py', 1000), policy), undefined);
    assert.equal(checkAttachment(file('readme.md', 1000), policy), undefined);
    assert.equal(checkAttachment(file('task.pdf', 10), policy)?.code, 'file-type-not-allowed');
    const tooLarge = checkAttachment(file('task.py', 1001), policy);
    assert.equal(tooLarge?.code, 'file-too-large');
    assert.equal(tooLarge?.message, 'task.py is larger than 1,000 bytes');
  });

  it('leaves SVG off the default list', () => {
    assert.ok(!defaultAttachmentPolicy.allowedExtensions.includes('svg'));
    assert.equal(defaultAttachmentPolicy.maxBytes, 20 * MB);
  });
});

describe('attachments: a message\'s files', () => {
  it('allows none (text only) and up to ten files', () => {
    assert.equal(checkAttachments([]), undefined);
    assert.equal(checkAttachments(Array.from({ length: 10 }, (_, i) => file(`f${i}.pdf`))), undefined);
  });

  it('refuses more than ten files as invalid', () => {
    const error = checkAttachments(Array.from({ length: 11 }, (_, i) => file(`f${i}.pdf`)));
    assert.equal(error?.code, 'invalid');
    assert.deepEqual(error?.details, { field: 'attachments', maxFiles: 10 });
  });

  it('gives the first refused file\'s reason', () => {
    const error = checkAttachments([file('ok.pdf'), file('bad.exe'), file('big.zip', 30 * MB)]);
    assert.equal(error?.message, "Sorry, you can't send bad.exe");
  });
});

describe('attachments: sizes for people', () => {
  it('shows bytes, kB, MB and GB with one decimal below ten', () => {
    assert.equal(formatBytes(0, 'en'), '0 bytes');
    assert.equal(formatBytes(1, 'en'), '1 byte');
    assert.equal(formatBytes(512, 'en'), '512 bytes');
    assert.equal(formatBytes(84, 'nb'), '84 byte');
    assert.equal(formatBytes(340 * 1024, 'en'), '340 kB');
    assert.equal(formatBytes(1.2 * MB, 'en'), '1.2 MB');
    assert.equal(formatBytes(20 * MB, 'en'), '20 MB');
    assert.equal(formatBytes(3 * 1024 * MB, 'en'), '3 GB');
  });

  it('moves to the next unit instead of showing 1,024', () => {
    assert.equal(formatBytes(MB - 1, 'en'), '1 MB');
  });

  it('uses the locale\'s decimal separator', () => {
    assert.equal(formatBytes(1.2 * MB, 'nb'), '1,2 MB');
  });
});
