import { registerEnumType } from 'type-graphql';

/**
 * Highest education attained, in the Indonesian system's order. Shared by the participants subgraph (what a
 * person declares) and the courses subgraph (a course's minimum), so the two compose as one enum.
 */
export enum EducationLevel {
  SD = 'SD',
  SMP = 'SMP',
  SMA_SMK = 'SMA_SMK',
  D1 = 'D1',
  D2 = 'D2',
  D3 = 'D3',
  D4 = 'D4',
  S1 = 'S1',
  S2 = 'S2',
  S3 = 'S3',
}
registerEnumType(EducationLevel, {
  name: 'EducationLevel',
  description: 'Highest education attained (pendidikan terakhir), lowest first.',
  valuesConfig: {
    SD: { description: 'Sekolah Dasar (primary school).' },
    SMP: { description: 'Sekolah Menengah Pertama (junior secondary).' },
    SMA_SMK: { description: 'SMA, SMK, MA or equivalent (senior secondary, general or vocational).' },
    D1: { description: 'Diploma 1.' },
    D2: { description: 'Diploma 2.' },
    D3: { description: 'Diploma 3.' },
    D4: { description: 'Diploma 4 (sarjana terapan), level with S1.' },
    S1: { description: 'Sarjana (bachelor).' },
    S2: { description: 'Magister (master).' },
    S3: { description: 'Doktor (doctorate).' },
  },
});

/** Rank of each level: D4 and S1 are the same KKNI level 6. */
const RANK: Record<EducationLevel, number> = { SD: 1, SMP: 2, SMA_SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9 };

/** Whether `attained` meets `minimum`. */
export const meetsEducation = (attained: EducationLevel, minimum: EducationLevel) => RANK[attained] >= RANK[minimum];

/** How a level reads in a message: SMA/SMK rather than the enum's SMA_SMK. */
export const educationLabel = (level: EducationLevel) => (level === EducationLevel.SMA_SMK ? 'SMA/SMK' : level);
