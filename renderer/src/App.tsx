export function App() {
  return (
    <main>
      <h1>Offstream</h1>
      <p>Save Cloudflare Stream videos for offline viewing.</p>
    </main>
  );
}
