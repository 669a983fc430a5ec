import { present } from './api';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RegisterMutation } from './documents';
import type { EducationStatus, Occupation } from './gql/graphql';
import { id as messages } from './i18n/id';
import { useSession } from './session';
import { Failure } from './Status';

const TEXT_FIELDS = ['nik', 'familyCardNumber', 'fullName', 'birthDate', 'email', 'phone', 'address'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const INPUT_TYPES: Partial<Record<TextField, string>> = { birthDate: 'date', email: 'email', phone: 'tel' };

/**
 * Registration as the signed-in person: the API validates (NIK against real region codes and the birth date,
 * family card, e-mail, phone) and its messages are shown beside the fields they name, so the rules and the
 * wording are the API's own.
 */
export function Register({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const { run } = useSession();
  const [values, setValues] = useState<Record<TextField, string>>(
    Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<TextField, string>,
  );
  const [citizen, setCitizen] = useState(true);
  const [educationStatus, setEducation] = useState<EducationStatus>('NOT_IN_EDUCATION');
  const [occupation, setOccupation] = useState<Occupation>('UNEMPLOYED');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const participantRegister = present(
        (await run(RegisterMutation, { input: { ...values, citizen, educationStatus, occupation } })).participantRegister,
        'registration',
      );
      if (participantRegister.participant) return onRegistered();
      const byField: Record<string, string> = {};
      for (const error of participantRegister.userErrors) byField[error.field?.[1] ?? 'form'] = error.message;
      setFieldErrors(byField);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card register" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      {Object.keys(fieldErrors).length > 0 && (
        <p className="error" role="alert">
          {t('register.refused')}
        </p>
      )}
      {fieldErrors.form && <p className="error">{fieldErrors.form}</p>}
      {TEXT_FIELDS.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`reg-${field}`}>{t(`register.${field}`)}</label>
          <input
            id={`reg-${field}`}
            name={field}
            type={INPUT_TYPES[field] ?? 'text'}
            inputMode={field === 'nik' || field === 'familyCardNumber' ? 'numeric' : undefined}
            value={values[field]}
            aria-invalid={Boolean(fieldErrors[field])}
            aria-describedby={fieldErrors[field] ? `reg-${field}-error` : undefined}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            required
          />
          {fieldErrors[field] && (
            <p className="error" id={`reg-${field}-error`}>
              {fieldErrors[field]}
            </p>
          )}
        </div>
      ))}
      <div className="field">
        <label htmlFor="reg-education">{t('register.educationStatus')}</label>
        <select id="reg-education" value={educationStatus} onChange={(e) => setEducation(e.target.value as EducationStatus)}>
          {Object.keys(messages.education).map((value) => (
            <option key={value} value={value}>
              {t(`education.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reg-occupation">{t('register.occupation')}</label>
        <select id="reg-occupation" value={occupation} onChange={(e) => setOccupation(e.target.value as Occupation)}>
          {Object.keys(messages.occupation).map((value) => (
            <option key={value} value={value}>
              {t(`occupation.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input id="reg-citizen" type="checkbox" checked={citizen} onChange={(e) => setCitizen(e.target.checked)} />
        <label htmlFor="reg-citizen">{t('register.citizen')}</label>
      </div>
      {failure !== null && <Failure error={failure} />}
      <button type="submit" disabled={busy}>
        {t('register.submit')}
      </button>
    </form>
  );
}
