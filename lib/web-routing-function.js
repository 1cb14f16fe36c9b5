// CloudFront Function (cloudfront-js-2.0, viewer request) on the web app's
// S3 behavior. Plain JavaScript with no module syntax: CloudFront runs this
// file as it is, and test/infra/web-routing-function.test.ts evaluates it.
//
// The desk console and the customer portal are single-page apps: a deep link
// such as /desk/cases/123 has no object in the bucket, so any path under an
// app without a file extension is served that app's index.html and the app's
// router reads the address. Paths with an extension (hashed assets,
// config.json) go to the bucket unchanged, so a missing file stays an error
// instead of turning into a page.

var apps = /^\/(desk|portal)(\/.*)?$/;

/**
 * @param {{ request: { uri: string } }} event
 * @returns {{ uri: string } | { statusCode: number, statusDescription: string, headers: Record<string, { value: string }> }}
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls it by name
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '') {
    // Customers outnumber staff, and staff bookmark /desk/.
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/portal/' } } };
  }
  var match = apps.exec(uri);
  if (match) {
    var rest = match[2] || '';
    var lastSegment = rest.slice(rest.lastIndexOf('/') + 1);
    if (lastSegment.indexOf('.') === -1) request.uri = '/' + match[1] + '/index.html';
  }
  return request;
}
