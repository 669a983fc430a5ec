import { registerEnumType } from 'type-graphql';

export enum SurveyCode {
  TRAINING_EVALUATION = 'TRAINING_EVALUATION',
  EMPLOYMENT_STATUS = 'EMPLOYMENT_STATUS',
}
registerEnumType(SurveyCode, {
  name: 'SurveyCode',
  description: 'The programme’s short surveys, each paid once (the cohort’s `surveyIncentive`) after the training incentive is due.',
  valuesConfig: {
    TRAINING_EVALUATION: { description: 'Evaluation of the training taken (survei evaluasi).' },
    EMPLOYMENT_STATUS: { description: 'Work and income after the training (survei ketenagakerjaan).' },
  },
});

/** Each survey's questions; every answer is a score from 1 (worst) to 5 (best), one per question, in order. */
export const SURVEYS: Record<SurveyCode, readonly string[]> = {
  [SurveyCode.TRAINING_EVALUATION]: [
    'Materi pelatihan sesuai kebutuhan kerja saya.',
    'Pengajar menjelaskan dengan jelas.',
    'Saya akan menyarankan pelatihan ini kepada orang lain.',
  ],
  [SurveyCode.EMPLOYMENT_STATUS]: [
    'Pelatihan membantu saya mendapat atau mempertahankan pekerjaan.',
    'Penghasilan saya membaik sejak pelatihan.',
  ],
};
