// Verifies one received report with the official Standard Webhooks library.
// stdin: {"secret":"whsec_...","headers":{...},"body_base64":"..."}; exit 0 when it verifies, 1 when
// it does not (the library's error on stderr), 2 on a broken input.
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  let request;
  try {
    request = JSON.parse(input);
  } catch (e) {
    console.error("input is not JSON: " + e.message);
    process.exit(2);
  }
  try {
    new Webhook(request.secret).verify(Buffer.from(request.body_base64, "base64"), request.headers);
    process.exit(0);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
});
