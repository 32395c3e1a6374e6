/** What a form's action said: an error (read out at once) or what it did. */
export function ActionMessage({ error, done }: { error?: string; done?: string }) {
  if (error) {
    return (
      <p role="alert" className="basis-full text-red-800">
        {error}
      </p>
    );
  }
  if (done) {
    return (
      <p role="status" className="basis-full text-green-800">
        {done}
      </p>
    );
  }
  return null;
}
