// Hands a file to the browser's downloads.

/** Offers `content` as a download named `filename`. */
export function saveFile(content: BlobPart, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  // The download has read the blob by the time a minute has passed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
