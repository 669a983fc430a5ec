import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText } from './refusal';

type Answer = { userErrors: ReadonlyArray<{ code: string; message: string }> };

/**
 * A form's sending state: `submit(send)` makes its submit handler, which shows the API's user errors as a
 * refusal in the person's language (translated under `group`), any other error as a failure, and calls
 * `onDone` when the mutation was accepted.
 */
export function useSubmission(group: string, onDone: () => void) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const submit = (send: () => Promise<Answer>) => async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    setFailure(null);
    setSending(true);
    try {
      const answer = await send();
      if (answer.userErrors.length) setRefusal(refusalText(t, group, answer.userErrors));
      else onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };
  return { refusal, failure, sending, submit };
}
