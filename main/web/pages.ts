/** What a browser shows when it arrives without the key: where to get it, and nothing else. */
export const keyRequiredPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Offstream: open the printed address</title>
  </head>
  <body>
    <main>
      <h1>Open the address Offstream printed</h1>
      <p>
        This Offstream server only answers browsers that opened the address it printed when it
        started (<code>http://127.0.0.1:&lt;port&gt;/?key=…</code>). Copy that whole address into
        this browser. A new key is made every time <code>offstream serve</code> starts.
      </p>
    </main>
  </body>
</html>
`;
