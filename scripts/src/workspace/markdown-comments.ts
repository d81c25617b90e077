// HTML comments in a document (the templates' guidance lives in one) are not content: markers or task
// lines inside them must not count. Blanking them keeps every other line where it was. Pure.
export function blankHtmlComments(body: string): string {
  return body.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ''));
}
