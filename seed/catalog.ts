import { stableId } from '../common/ids';

/**
 * Reference data shared by the partners and courses seeds. Ids are derived from stable names, so the two
 * subgraphs agree on them without reading each other's tables.
 */
export interface PlatformSeed {
  slug: string;
  name: string;
  website: string;
  /** ACTIVE since the MoU of 20 March 2020, or still UNDER_EVALUATION. */
  status: 'ACTIVE' | 'UNDER_EVALUATION';
}

export const PLATFORMS: PlatformSeed[] = [
  { slug: 'tokopedia', name: 'Tokopedia', website: 'https://www.tokopedia.com/kartu-prakerja', status: 'ACTIVE' },
  { slug: 'skill-academy', name: 'Skill Academy by Ruangguru', website: 'https://skillacademy.com', status: 'ACTIVE' },
  { slug: 'maubelajarapa', name: 'MauBelajarApa', website: 'https://www.maubelajarapa.com', status: 'ACTIVE' },
  { slug: 'bukalapak', name: 'Bukalapak', website: 'https://www.bukalapak.com/kartu-prakerja', status: 'ACTIVE' },
  { slug: 'pintaria', name: 'Pintaria', website: 'https://pintaria.com', status: 'ACTIVE' },
  { slug: 'sekolahmu', name: 'Sekolahmu', website: 'https://www.sekolah.mu', status: 'ACTIVE' },
  { slug: 'pijar-mahir', name: 'Pijar Mahir', website: 'https://pijarmahir.id', status: 'ACTIVE' },
  { slug: 'kemnaker', name: 'Sisnaker Kemnaker', website: 'https://kemnaker.go.id', status: 'ACTIVE' },
  { slug: 'karier-mu', name: 'Karier.mu', website: 'https://karier.mu', status: 'UNDER_EVALUATION' },
  { slug: 'vokraf', name: 'Vokraf', website: 'https://vokraf.com', status: 'UNDER_EVALUATION' },
  { slug: 'kitalulus', name: 'KitaLulus', website: 'https://kitalulus.com', status: 'UNDER_EVALUATION' },
  { slug: 'lakupon', name: 'Lakupon', website: 'https://lakupon.com', status: 'UNDER_EVALUATION' },
];

export const partnerIdOf = (slug: string) => stableId('partner', slug);

/**
 * A platform integrating in the sandbox (MoU signed, not yet live): SANDBOX credentials, three test cards
 * (fixed numbers, balance Rp3,500,000, OTP = last six digits), a few offerings and a webhook endpoint on this
 * machine (docs/partner-guide.md §7, §8). Not one of PLATFORMS, whose counts the demo's figures rely on.
 */
export const SANDBOX_PLATFORM = {
  slug: 'belajar-bareng',
  name: 'BelajarBareng',
  website: 'https://belajarbareng.example.id',
  webhookUrl: 'http://127.0.0.1:4090/prakerja/webhooks',
  testCards: ['0000990000000010', '0000990000000028', '0000990000000036'],
} as const;

/**
 * Two platforms that show the programme's rules on platforms (issue 14), outside PLATFORMS too: one SUSPENDED by
 * the office, one ACTIVE on probation after a failed periodic review (it still sells, until its deadline).
 */
export const RULE_PLATFORMS = {
  suspended: { slug: 'kelas-kilat', name: 'Kelas Kilat', website: 'https://kelaskilat.example.id' },
  probation: { slug: 'ilmu-kita', name: 'IlmuKita', website: 'https://ilmukita.example.id' },
} as const;

export interface InstitutionSeed {
  key: string;
  name: string;
  city: string;
  /** Platforms this institution is affiliated with (same group of companies): a conflict of interest when it sells there. */
  affiliatedWith: string[];
}

export const INSTITUTIONS: InstitutionSeed[] = [
  { key: 'ruangguru-skill', name: 'Ruangguru Skill Academy Institute', city: 'Jakarta Selatan', affiliatedWith: ['skill-academy'] },
  { key: 'mba-learning', name: 'MauBelajarApa Learning Center', city: 'Jakarta Barat', affiliatedWith: ['maubelajarapa'] },
  { key: 'pintaria-edu', name: 'Pintaria Edukasi HarukaEDU', city: 'Jakarta Pusat', affiliatedWith: ['pintaria'] },
  { key: 'sekolahmu-academy', name: 'Sekolah.mu Academy', city: 'Jakarta Selatan', affiliatedWith: ['sekolahmu'] },
  { key: 'pijar-telkom', name: 'Pijar Telkom Learning', city: 'Bandung', affiliatedWith: ['pijar-mahir'] },
  { key: 'bbplk-bekasi', name: 'BBPLK Bekasi', city: 'Bekasi', affiliatedWith: [] },
  { key: 'bbplk-serang', name: 'BBPLK Serang', city: 'Serang', affiliatedWith: [] },
  { key: 'bbplk-semarang', name: 'BBPLK Semarang', city: 'Semarang', affiliatedWith: [] },
  { key: 'bbplk-medan', name: 'BBPLK Medan', city: 'Medan', affiliatedWith: [] },
  { key: 'bbplk-makassar', name: 'BBPLK Makassar', city: 'Makassar', affiliatedWith: [] },
  { key: 'lp3i', name: 'Politeknik LP3I Training Center', city: 'Bandung', affiliatedWith: [] },
  { key: 'binus-center', name: 'Binus Center', city: 'Jakarta Barat', affiliatedWith: [] },
  { key: 'prasmul-eli', name: 'Prasetiya Mulya Executive Learning', city: 'Tangerang', affiliatedWith: [] },
  { key: 'digitalent', name: 'Digital Talent Academy', city: 'Yogyakarta', affiliatedWith: [] },
  { key: 'dapur-nusantara', name: 'Akademi Dapur Nusantara', city: 'Surabaya', affiliatedWith: [] },
  { key: 'bengkel-mandiri', name: 'Pusat Pelatihan Bengkel Mandiri', city: 'Surakarta', affiliatedWith: [] },
  { key: 'english-first-step', name: 'First Step English Course', city: 'Denpasar', affiliatedWith: [] },
  { key: 'tani-digital', name: 'Sekolah Tani Digital', city: 'Malang', affiliatedWith: [] },
  { key: 'kriya-kreatif', name: 'Kriya Kreatif Institute', city: 'Yogyakarta', affiliatedWith: [] },
  { key: 'toko-online-pro', name: 'Akademi Toko Online', city: 'Jakarta Utara', affiliatedWith: ['tokopedia'] },
];

export const institutionIdOf = (key: string) => stableId('institution', key);

/** Deterministic pseudo-random numbers (mulberry32), so every seed run writes the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
