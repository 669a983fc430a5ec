import type { MikroORM } from '@mikro-orm/postgresql';
import { stableId } from '../common/ids';
import { Course } from '../subgraphs/courses/course/course.entity';
import { CourseCategory, CourseMode, CurationStatus } from '../subgraphs/courses/course/course.enums';
import { MAX_PRICE, Offering } from '../subgraphs/courses/offering/offering.entity';
import { CourseSchedule } from '../subgraphs/courses/schedule/schedule.entity';
import { EducationLevel } from '../common/education';
import { INSTITUTIONS, PLATFORMS, RULE_PLATFORMS, SANDBOX_PLATFORM, institutionIdOf, partnerIdOf, seededRandom } from './catalog';

/**
 * Seed of the courses subgraph: about 200 curated courses of the institutions in catalog.ts, sold on the
 * ACTIVE platforms. Deterministic (seeded PRNG, stable ids) and idempotent (existing rows are kept).
 * Affiliated institutions always sell on their own group's platform: the conflict of interest the
 * programme's auditors pointed at.
 */

type Titles = Partial<Record<CourseCategory, string[]>>;

const TITLES: Titles = {
  SALES_AND_MARKETING: [
    'Strategi Pemasaran Digital untuk UMKM',
    'Menjadi Digital Marketer Pemula',
    'Teknik Menjual Melalui Media Sosial',
    'Optimasi Toko Online di Marketplace',
    'Copywriting untuk Iklan yang Menjual',
    'Dasar-Dasar Search Engine Optimization (SEO)',
    'Pemasaran Melalui WhatsApp Business',
    'Teknik Negosiasi dan Closing Penjualan',
    'Menjadi Customer Service Profesional',
    'Membuat Iklan Facebook dan Instagram Ads',
    'Live Selling untuk Penjual Online',
    'Manajemen Reseller dan Dropshipper',
  ],
  FOOD_AND_BEVERAGE: [
    'Memulai Usaha Kue Kering Rumahan',
    'Membuat Roti dan Pastry untuk Dijual',
    'Teknik Dasar Barista Kopi',
    'Usaha Katering Rumahan dari Nol',
    'Membuat Frozen Food Siap Jual',
    'Resep dan Usaha Minuman Kekinian',
    'Memasak Masakan Nusantara untuk Usaha Warung',
    'Higiene dan Keamanan Pangan untuk Penjual Makanan',
    'Membuat Sambal Kemasan Bermerek',
    'Dekorasi Kue Ulang Tahun',
    'Usaha Bakso dan Mi Ayam',
    'Membuat Camilan Keripik Aneka Rasa',
  ],
  TECHNOLOGY: [
    'Dasar Pemrograman Python untuk Pemula',
    'Membuat Website dengan HTML, CSS dan JavaScript',
    'Teknisi Jaringan Komputer Dasar',
    'Analisis Data dengan Microsoft Excel',
    'Pengenalan Data Science',
    'Membuat Aplikasi Android Sederhana',
    'Perbaikan Laptop dan Komputer',
    'Dasar Keamanan Siber untuk Pekerja Kantor',
    'Membangun Toko Online dengan WordPress',
    'Pengenalan Cloud Computing',
    'Teknisi Servis Ponsel Pintar',
    'Desain Basis Data dengan SQL',
    'Quality Assurance dan Pengujian Perangkat Lunak',
  ],
  PERSONAL_DEVELOPMENT: [
    'Public Speaking untuk Pemula',
    'Menulis CV dan Menghadapi Wawancara Kerja',
    'Manajemen Waktu dan Produktivitas',
    'Kepemimpinan untuk Supervisor Baru',
    'Komunikasi Efektif di Tempat Kerja',
    'Berpikir Kritis dan Pemecahan Masalah',
    'Kecerdasan Emosional di Dunia Kerja',
    'Persiapan Kerja di Luar Negeri',
    'Etika Profesi dan Budaya Kerja',
    'Membangun Personal Branding di LinkedIn',
  ],
  LANGUAGE: [
    'Bahasa Inggris untuk Percakapan Sehari-hari',
    'Bahasa Inggris untuk Wawancara Kerja',
    'Bahasa Jepang Dasar untuk Pekerja Migran',
    'Bahasa Mandarin Dasar',
    'Bahasa Korea untuk Persiapan EPS-TOPIK',
    'Bahasa Inggris untuk Layanan Perhotelan',
    'Bahasa Arab Percakapan Dasar',
    'Persiapan TOEFL ITP',
    'Bahasa Jerman Dasar A1',
    'Menulis Email Bisnis dalam Bahasa Inggris',
  ],
  AGRICULTURE: [
    'Budidaya Sayuran Hidroponik',
    'Budidaya Ikan Lele Sistem Bioflok',
    'Beternak Ayam Kampung Unggul',
    'Budidaya Jamur Tiram',
    'Pertanian Organik Skala Rumah Tangga',
    'Budidaya Maggot BSF untuk Pakan Ternak',
    'Budidaya Cabai di Lahan Sempit',
    'Pengolahan Pupuk Kompos',
    'Budidaya Udang Vaname',
    'Pemasaran Hasil Pertanian secara Online',
    'Beternak Kambing Etawa',
  ],
  FINANCE: [
    'Pembukuan Sederhana untuk UMKM',
    'Mengelola Keuangan Pribadi dan Keluarga',
    'Perpajakan Dasar untuk Usaha Kecil',
    'Akuntansi Dasar dengan Aplikasi',
    'Perencanaan Keuangan dan Investasi Pemula',
    'Menyusun Laporan Keuangan Usaha',
    'Mengenal Produk Perbankan Syariah',
    'Menghitung Harga Pokok Produksi',
    'Staf Administrasi Keuangan',
    'Mengajukan Kredit Usaha Rakyat (KUR)',
  ],
  ENTREPRENEURSHIP: [
    'Memulai Usaha dari Rumah',
    'Menyusun Rencana Bisnis yang Layak',
    'Membangun Merek untuk Produk UMKM',
    'Mengurus Perizinan Usaha melalui OSS',
    'Strategi Usaha Waralaba',
    'Mengelola Karyawan di Usaha Kecil',
    'Ekspor untuk Pelaku UMKM',
    'Mendapatkan Sertifikasi Halal untuk Produk',
    'Inovasi Produk dan Riset Pasar',
    'Usaha Jasa Laundry Kiloan',
    'Membuka Usaha Toko Kelontong Modern',
    'Kemasan Produk yang Menarik',
  ],
  FASHION_AND_CRAFT: [
    'Menjahit Pakaian untuk Pemula',
    'Membuat Pola Busana Muslim',
    'Membatik Tulis dan Cap',
    'Kerajinan Anyaman Bambu dan Rotan',
    'Membuat Tas dari Kain Perca',
    'Merajut dan Membuat Amigurumi',
    'Sablon Kaos Manual dan Digital',
    'Membuat Aksesori Manik-Manik',
    'Usaha Konveksi Rumahan',
    'Kerajinan Resin dan Epoxy',
  ],
  AUTOMOTIVE: [
    'Servis Sepeda Motor Injeksi',
    'Perawatan Berkala Mobil',
    'Teknisi AC Mobil',
    'Kelistrikan Sepeda Motor',
    'Membuka Usaha Bengkel Motor',
    'Perawatan Kendaraan Listrik Dasar',
    'Salon dan Detailing Mobil',
    'Tune Up Mesin Bensin',
    'Pengemudi Profesional dan Keselamatan Berkendara',
  ],
  HOSPITALITY: [
    'Dasar Pelayanan Hotel (Front Office)',
    'Housekeeping Hotel Profesional',
    'Menjadi Pemandu Wisata Lokal',
    'Pengelolaan Homestay dan Penginapan',
    'Pelayanan Restoran (Food and Beverage Service)',
    'Menjadi Tour Planner',
    'Mengelola Desa Wisata',
    'Pelayanan Prima di Industri Jasa',
    'Pengelolaan Acara dan Pernikahan',
  ],
  OFFICE_AND_ADMINISTRATION: [
    'Microsoft Word untuk Administrasi Perkantoran',
    'Microsoft Excel Tingkat Menengah',
    'Menjadi Sekretaris Profesional',
    'Pengarsipan dan Tata Kelola Dokumen',
    'Google Workspace untuk Kerja Kolaboratif',
    'Administrasi Kepegawaian (HR Admin)',
    'Menyusun Presentasi dengan PowerPoint',
    'Staf Gudang dan Administrasi Inventaris',
    'Administrasi Ekspor Impor',
    'Menjadi Virtual Assistant',
  ],
  CREATIVE_AND_DESIGN: [
    'Desain Grafis dengan Canva',
    'Dasar Adobe Photoshop',
    'Fotografi Produk untuk Toko Online',
    'Editing Video dengan Ponsel',
    'Membuat Konten TikTok dan Reels',
    'Desain Logo dan Identitas Merek',
    'Ilustrasi Digital untuk Pemula',
    'Menjadi Content Writer',
    'Desain UI/UX Aplikasi Mobile',
    'Animasi 2D Dasar',
    'Videografi Pernikahan dan Acara',
  ],
  HEALTH_AND_BEAUTY: [
    'Tata Rias Wajah (Make Up) Profesional',
    'Perawatan Rambut dan Potong Rambut',
    'Menjadi Terapis Pijat Tradisional',
    'Perawatan Kuku (Nail Art)',
    'Pendamping Lansia (Caregiver)',
    'Tata Rias Pengantin',
    'Membuat Sabun dan Produk Perawatan Alami',
    'Instruktur Senam dan Kebugaran',
    'Pertolongan Pertama di Tempat Kerja',
    'Perawatan Bayi dan Balita (Baby Sitter)',
  ],
  CONSTRUCTION: [
    'Instalasi Listrik Rumah Tinggal',
    'Teknik Pengelasan Dasar (SMAW)',
    'Instalasi Pipa dan Sanitasi',
    'Pemasangan Panel Surya Atap',
    'Tukang Batu dan Plester',
    'Keselamatan dan Kesehatan Kerja (K3) Konstruksi',
    'Menggambar Teknik dengan AutoCAD',
    'Teknisi AC Rumah Tangga',
  ],
  EDUCATION: [
    'Menjadi Guru Les Privat',
    'Mengajar Anak Usia Dini',
    'Membuat Materi Pembelajaran Digital',
    'Mengajar Mengaji untuk Anak',
    'Menjadi Tutor Bahasa Inggris Anak',
    'Pendidikan Inklusif untuk Pendamping',
  ],
};

/** Institutions that plausibly teach each category (by key of catalog.ts), first choice first. */
const TEACHERS: Record<CourseCategory, string[]> = {
  SALES_AND_MARKETING: ['toko-online-pro', 'ruangguru-skill', 'mba-learning', 'binus-center', 'prasmul-eli', 'lp3i'],
  FOOD_AND_BEVERAGE: ['dapur-nusantara', 'mba-learning', 'sekolahmu-academy', 'bbplk-semarang', 'pintaria-edu'],
  TECHNOLOGY: ['digitalent', 'binus-center', 'pijar-telkom', 'ruangguru-skill', 'bbplk-bekasi', 'pintaria-edu'],
  PERSONAL_DEVELOPMENT: ['ruangguru-skill', 'prasmul-eli', 'sekolahmu-academy', 'lp3i', 'pintaria-edu'],
  LANGUAGE: ['english-first-step', 'ruangguru-skill', 'sekolahmu-academy', 'bbplk-serang', 'pintaria-edu'],
  AGRICULTURE: ['tani-digital', 'bbplk-makassar', 'bbplk-medan', 'pijar-telkom'],
  FINANCE: ['prasmul-eli', 'lp3i', 'pintaria-edu', 'ruangguru-skill', 'binus-center'],
  ENTREPRENEURSHIP: ['toko-online-pro', 'prasmul-eli', 'mba-learning', 'sekolahmu-academy', 'pijar-telkom'],
  FASHION_AND_CRAFT: ['kriya-kreatif', 'mba-learning', 'bbplk-semarang', 'sekolahmu-academy'],
  AUTOMOTIVE: ['bengkel-mandiri', 'bbplk-bekasi', 'bbplk-serang', 'bbplk-medan'],
  HOSPITALITY: ['bbplk-makassar', 'english-first-step', 'lp3i', 'mba-learning'],
  OFFICE_AND_ADMINISTRATION: ['lp3i', 'binus-center', 'pintaria-edu', 'ruangguru-skill', 'pijar-telkom'],
  CREATIVE_AND_DESIGN: ['kriya-kreatif', 'binus-center', 'digitalent', 'ruangguru-skill', 'mba-learning'],
  HEALTH_AND_BEAUTY: ['mba-learning', 'bbplk-semarang', 'sekolahmu-academy', 'bbplk-medan'],
  CONSTRUCTION: ['bbplk-bekasi', 'bbplk-serang', 'bbplk-makassar', 'bengkel-mandiri'],
  EDUCATION: ['sekolahmu-academy', 'ruangguru-skill', 'pintaria-edu'],
};

/** A few titles that stay out of the catalogue: still SUBMITTED, or REJECTED with the curator's note. */
const NOT_APPROVED: Array<{ title: string; category: CourseCategory; institution: string; status: CurationStatus; note: string | null }> = [
  {
    title: 'Cara Cepat Kaya dari Trading Kripto',
    category: CourseCategory.FINANCE,
    institution: 'mba-learning',
    status: CurationStatus.REJECTED,
    note: 'Materi spekulatif, tidak sesuai kompetensi kerja.',
  },
  {
    title: 'Menonton Video Motivasi Sukses',
    category: CourseCategory.PERSONAL_DEVELOPMENT,
    institution: 'ruangguru-skill',
    status: CurationStatus.REJECTED,
    note: 'Tidak ada tujuan pembelajaran dan evaluasi yang terukur.',
  },
  {
    title: 'Menjadi Youtuber Sukses dalam Satu Jam',
    category: CourseCategory.CREATIVE_AND_DESIGN,
    institution: 'toko-online-pro',
    status: CurationStatus.REJECTED,
    note: 'Durasi terlalu singkat untuk kompetensi yang dijanjikan.',
  },
  {
    title: 'Budidaya Ikan Nila Sistem Keramba',
    category: CourseCategory.AGRICULTURE,
    institution: 'tani-digital',
    status: CurationStatus.SUBMITTED,
    note: null,
  },
  {
    title: 'Teknisi Jaringan Fiber Optik',
    category: CourseCategory.TECHNOLOGY,
    institution: 'pijar-telkom',
    status: CurationStatus.SUBMITTED,
    note: null,
  },
  {
    title: 'Pengelolaan Media Sosial Pemerintah Desa',
    category: CourseCategory.OFFICE_AND_ADMINISTRATION,
    institution: 'digitalent',
    status: CurationStatus.SUBMITTED,
    note: null,
  },
];

const DESCRIPTIONS: Record<CourseMode, string> = {
  WEBINAR: 'Kelas daring langsung bersama instruktur, dengan tanya jawab, tugas praktik dan tes akhir.',
  SELF_PACED: 'Video pembelajaran mandiri yang dapat diikuti kapan saja, dengan kuis di setiap sesi dan tes akhir.',
  OFFLINE: 'Pelatihan tatap muka di tempat lembaga pelatihan, dengan praktik langsung dan uji kompetensi.',
};

/** Stable id of a seeded course (for other seeds and tests). */
export const courseIdOf = (title: string) => stableId('course', title);

const ACTIVE_PLATFORMS = PLATFORMS.filter((p) => p.status === 'ACTIVE').map((p) => p.slug);
const MIN_PRICE = 100_000;
const roundPrice = (value: number) => Math.min(MAX_PRICE, Math.max(MIN_PRICE, Math.round(value / 1000) * 1000));
const SEED_EPOCH = Date.parse('2020-04-01T02:00:00Z');

export async function seedCourses(orm: MikroORM): Promise<{ courses: number; offerings: number }> {
  const random = seededRandom(20200411);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const institutions = new Map(INSTITUTIONS.map((i) => [i.key, i]));

  const courseRows: Array<Record<string, unknown>> = [];
  const offeringRows: Array<Record<string, unknown>> = [];
  let index = 0;

  for (const [category, basics] of Object.entries(TITLES) as Array<[CourseCategory, string[]]>) {
    // The first titles of each category also come as a follow-up course, as programme series did.
    const titles = [...basics, ...basics.slice(0, 3).map((t) => `${t} — Tingkat Lanjut`)];
    for (const title of titles) {
      const institutionKey = random() < 0.6 ? TEACHERS[category][0] : pick(TEACHERS[category]);
      const mode =
        institutionKey.startsWith('bbplk') || institutionKey === 'bengkel-mandiri'
          ? CourseMode.OFFLINE
          : random() < 0.55
            ? CourseMode.WEBINAR
            : CourseMode.SELF_PACED;
      const sessionCount = mode === CourseMode.SELF_PACED ? 4 + Math.floor(random() * 9) : 2 + Math.floor(random() * 6);
      const createdAt = new Date(SEED_EPOCH + index * 3_600_000);
      const id = courseIdOf(title);
      courseRows.push({
        id,
        institutionId: institutionIdOf(institutionKey),
        title,
        description: `${title}. ${DESCRIPTIONS[mode]}`,
        category,
        mode,
        sessionCount,
        minimumDurationMinutes: sessionCount * (mode === CourseMode.OFFLINE ? 240 : 90),
        // Workshop courses (machines, tools) take adults of 21 and over: the demo's age requirement at checkout.
        minimumAge: mode === CourseMode.OFFLINE ? 21 : null,
        curationStatus: CurationStatus.APPROVED,
        curationNote: 'Lolos kurasi: tujuan pembelajaran, materi dan evaluasi sesuai standar.',
        curatedAt: new Date(createdAt.getTime() + 3 * 86_400_000),
        curatedBy: 'seed-curator',
        createdAt,
      });

      // Most Prakerja courses cost Rp100,000 to Rp1,000,000; a few long offline ones up to the whole balance.
      const base = mode === CourseMode.OFFLINE && random() < 0.3 ? 1_500_000 + random() * 2_000_000 : 100_000 + random() ** 2 * 1_400_000;
      const platforms = new Set<string>(institutions.get(institutionKey)!.affiliatedWith.filter((slug) => ACTIVE_PLATFORMS.includes(slug)));
      const target = platforms.size + 1 + Math.floor(random() * 3);
      while (platforms.size < target) platforms.add(pick(ACTIVE_PLATFORMS));
      for (const slug of platforms) {
        offeringRows.push({
          id: stableId('offering', `${id}:${slug}`),
          course: id,
          partnerId: partnerIdOf(slug),
          price: roundPrice(base * (0.9 + random() * 0.2)),
          active: true,
          createdAt: new Date(createdAt.getTime() + 4 * 86_400_000 + offeringRows.length * 1000),
          updatedAt: new Date(createdAt.getTime() + 4 * 86_400_000 + offeringRows.length * 1000),
        });
      }
      // The sandbox platform sells the first few courses, so its PartnerCatalog has something to buy with test cards.
      if (index < 5)
        offeringRows.push({
          id: stableId('offering', `${id}:${SANDBOX_PLATFORM.slug}`),
          course: id,
          partnerId: partnerIdOf(SANDBOX_PLATFORM.slug),
          price: roundPrice(base),
          active: true,
          createdAt: new Date(createdAt.getTime() + 5 * 86_400_000),
          updatedAt: new Date(createdAt.getTime() + 5 * 86_400_000),
        });
      index++;
    }
  }
  for (const course of NOT_APPROVED) {
    const createdAt = new Date(SEED_EPOCH + index++ * 3_600_000);
    courseRows.push({
      id: courseIdOf(course.title),
      institutionId: institutionIdOf(course.institution),
      title: course.title,
      description: `${course.title}. ${DESCRIPTIONS[CourseMode.SELF_PACED]}`,
      category: course.category,
      mode: CourseMode.SELF_PACED,
      sessionCount: 3,
      minimumDurationMinutes: 60,
      curationStatus: course.status,
      curationNote: course.note,
      curatedAt: course.status === CurationStatus.SUBMITTED ? null : new Date(createdAt.getTime() + 86_400_000),
      curatedBy: course.status === CurationStatus.SUBMITTED ? null : 'seed-curator',
      createdAt,
    });
  }

  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    await tx
      .createQueryBuilder(Course)
      .insert(courseRows as never)
      .onConflict('id')
      .ignore()
      .execute();
    await tx
      .createQueryBuilder(Offering)
      .insert(offeringRows as never)
      .onConflict(['course', 'partnerId'] as never)
      .ignore()
      .execute();
  });
  const rules = await seedRuleCourses(orm);
  return { courses: courseRows.length + rules.courses, offerings: offeringRows.length + rules.offerings };
}

/**
 * Courses that show the rules on courses (issue 14), sold by IlmuKita (on probation, still selling) and the
 * sandbox platform: a live webinar held on two dates, an offline workshop whose next class is nearly full (two
 * seats), both needing SMA/SMK, and a data course needing D3. The schedules lie ahead of the seed's clock.
 */
const RULE_COURSES = [
  {
    title: 'Public Speaking untuk Presentasi Kerja (Webinar Langsung)',
    institution: 'prasmul-eli',
    category: CourseCategory.PERSONAL_DEVELOPMENT,
    mode: CourseMode.WEBINAR,
    sessionCount: 2,
    price: 350_000,
    minimumEducation: EducationLevel.SMA_SMK,
    schedules: [
      { inDays: 7, hours: 3, seatQuota: 40 },
      { inDays: 14, hours: 3, seatQuota: 40 },
    ],
  },
  {
    title: 'Las Listrik Dasar (Kelas Tatap Muka)',
    institution: 'bengkel-mandiri',
    category: CourseCategory.AUTOMOTIVE,
    mode: CourseMode.OFFLINE,
    sessionCount: 4,
    price: 1_200_000,
    minimumEducation: EducationLevel.SMA_SMK,
    schedules: [
      { inDays: 5, hours: 8, seatQuota: 2 },
      { inDays: 19, hours: 8, seatQuota: 16 },
    ],
  },
  {
    title: 'Analisis Data dengan Python untuk Analis Bisnis',
    institution: 'digitalent',
    category: CourseCategory.TECHNOLOGY,
    mode: CourseMode.SELF_PACED,
    sessionCount: 6,
    price: 800_000,
    minimumEducation: EducationLevel.D3,
    schedules: [],
  },
] as const;

async function seedRuleCourses(orm: MikroORM): Promise<{ courses: number; offerings: number }> {
  const createdAt = new Date('2026-11-16T02:00:00Z');
  const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const sellers = [RULE_PLATFORMS.probation.slug, SANDBOX_PLATFORM.slug];
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    for (const [i, seed] of RULE_COURSES.entries()) {
      const id = courseIdOf(seed.title);
      if (await tx.findOne(Course, { id })) continue;
      const course = tx.create(Course, {
        id,
        institutionId: institutionIdOf(seed.institution),
        title: seed.title,
        description: `${seed.title}. ${DESCRIPTIONS[seed.mode]}`,
        category: seed.category,
        mode: seed.mode,
        sessionCount: seed.sessionCount,
        minimumDurationMinutes: seed.sessionCount * (seed.mode === CourseMode.OFFLINE ? 240 : 90),
        minimumAge: seed.mode === CourseMode.OFFLINE ? 21 : null,
        minimumEducation: seed.minimumEducation,
        curationStatus: CurationStatus.APPROVED,
        curationNote: 'Lolos kurasi: tujuan pembelajaran, materi dan evaluasi sesuai standar.',
        curatedAt: new Date(createdAt.getTime() + 86_400_000),
        curatedBy: 'seed-curator',
        createdAt: new Date(createdAt.getTime() + i * 3_600_000),
      });
      for (const [n, slot] of seed.schedules.entries()) {
        const startsAt = new Date(day + slot.inDays * 86_400_000 + 2 * 3_600_000);
        tx.create(CourseSchedule, {
          id: stableId('course-schedule', `${seed.title}#${n + 1}`),
          course,
          startsAt,
          endsAt: new Date(startsAt.getTime() + slot.hours * 3_600_000),
          seatQuota: slot.seatQuota,
          createdAt: course.createdAt,
          updatedAt: course.createdAt,
        });
      }
      for (const slug of sellers)
        tx.create(Offering, {
          id: stableId('offering', `${id}:${slug}`),
          course,
          partnerId: partnerIdOf(slug),
          price: seed.price,
          createdAt: new Date(course.createdAt.getTime() + 2 * 86_400_000),
          updatedAt: new Date(course.createdAt.getTime() + 2 * 86_400_000),
        });
    }
  });
  return { courses: RULE_COURSES.length, offerings: RULE_COURSES.length * sellers.length };
}
