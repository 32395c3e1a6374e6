import { startTransition, type FormEvent } from "react";

/**
 * A form's submit handler that runs its action without React's reset of the form afterwards: a
 * refused change leaves what the person typed in place, next to the errors, instead of putting
 * the saved values back.
 */
export function keepValuesOnSubmit(dispatch: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
}
