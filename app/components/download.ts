/**
 * Hands `data` to the browser as a file download, through an <a download> clicked at once; the Blob
 * URL goes a minute later, since the browser may still be reading it after the click returns.
 */
export function downloadFile(fileName: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
