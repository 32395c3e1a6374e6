/**
 * The box that offers raters of two answers a fourth option, "Both are bad" (stored as a tie, and
 * counted on its own in the results). Unticked, it sends nothing, which saves it off.
 */
export function BothBadBox({ checked, error, hint }: { checked?: boolean; error?: string; hint: string }) {
  return (
    <div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="offerBothBad" defaultChecked={checked} aria-describedby="offerBothBad-hint" aria-invalid={error ? true : undefined} /> Offer raters
        a fourth option, &ldquo;Both are bad&rdquo;
      </label>
      <p id="offerBothBad-hint" className="ml-6 text-sm text-slate-600">
        Beside A, B and neither, with the key X. It counts as a tie in every figure; the results say how many of the ties it was. {hint}
      </p>
      {error && (
        <p role="alert" className="ml-6 mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
