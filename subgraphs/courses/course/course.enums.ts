import { registerEnumType } from 'type-graphql';

export enum CourseCategory {
  SALES_AND_MARKETING = 'SALES_AND_MARKETING',
  FOOD_AND_BEVERAGE = 'FOOD_AND_BEVERAGE',
  TECHNOLOGY = 'TECHNOLOGY',
  PERSONAL_DEVELOPMENT = 'PERSONAL_DEVELOPMENT',
  LANGUAGE = 'LANGUAGE',
  AGRICULTURE = 'AGRICULTURE',
  FINANCE = 'FINANCE',
  ENTREPRENEURSHIP = 'ENTREPRENEURSHIP',
  FASHION_AND_CRAFT = 'FASHION_AND_CRAFT',
  AUTOMOTIVE = 'AUTOMOTIVE',
  HOSPITALITY = 'HOSPITALITY',
  OFFICE_AND_ADMINISTRATION = 'OFFICE_AND_ADMINISTRATION',
  CREATIVE_AND_DESIGN = 'CREATIVE_AND_DESIGN',
  HEALTH_AND_BEAUTY = 'HEALTH_AND_BEAUTY',
  CONSTRUCTION = 'CONSTRUCTION',
  EDUCATION = 'EDUCATION',
}
registerEnumType(CourseCategory, {
  name: 'CourseCategory',
  description: 'Programme category of a course, as listed in the Prakerja catalogue.',
  valuesConfig: {
    SALES_AND_MARKETING: { description: 'Selling, digital marketing, customer service.' },
    FOOD_AND_BEVERAGE: { description: 'Cooking, baking, beverages, food business.' },
    TECHNOLOGY: { description: 'Programming, networks, data, IT support.' },
    PERSONAL_DEVELOPMENT: { description: 'Communication, leadership, job-seeking skills.' },
    LANGUAGE: { description: 'English, Japanese, Mandarin and other languages.' },
    AGRICULTURE: { description: 'Farming, fisheries, livestock, hydroponics.' },
    FINANCE: { description: 'Bookkeeping, tax, personal and business finance.' },
    ENTREPRENEURSHIP: { description: 'Starting and running a small business.' },
    FASHION_AND_CRAFT: { description: 'Sewing, batik, handicrafts.' },
    AUTOMOTIVE: { description: 'Motorcycle and car maintenance and repair.' },
    HOSPITALITY: { description: 'Hotels, tourism, housekeeping.' },
    OFFICE_AND_ADMINISTRATION: { description: 'Office software, secretarial and administrative work.' },
    CREATIVE_AND_DESIGN: { description: 'Graphic design, photography, video, content creation.' },
    HEALTH_AND_BEAUTY: { description: 'Beauty care, massage, caregiving, fitness.' },
    CONSTRUCTION: { description: 'Building trades: electrical installation, welding, plumbing.' },
    EDUCATION: { description: 'Teaching and tutoring.' },
  },
});

export enum CourseMode {
  WEBINAR = 'WEBINAR',
  SELF_PACED = 'SELF_PACED',
  OFFLINE = 'OFFLINE',
}
registerEnumType(CourseMode, {
  name: 'CourseMode',
  description: 'How a course is delivered.',
  valuesConfig: {
    WEBINAR: { description: 'Live online sessions with an instructor.' },
    SELF_PACED: { description: 'Recorded online material (video), followed at the participant’s pace.' },
    OFFLINE: { description: 'In person, at the institution.' },
  },
});

export enum CurationStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(CurationStatus, {
  name: 'CurationStatus',
  description: 'Where a course is in the programme office curation: SUBMITTED → APPROVED or REJECTED.',
  valuesConfig: {
    SUBMITTED: { description: 'Awaiting curation; not visible in the public catalogue.' },
    APPROVED: { description: 'Passed curation; may be sold by platforms.' },
    REJECTED: { description: 'Refused by curation; the note says why.' },
  },
});

export enum CurationDecision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(CurationDecision, {
  name: 'CurationDecision',
  description: 'Outcome of a curation.',
  valuesConfig: {
    APPROVED: { description: 'The course may be sold.' },
    REJECTED: { description: 'The course may not be sold.' },
  },
});
