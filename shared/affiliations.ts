// Kept free of Zod: the public registration form lists these without loading the schemas.

/** The affiliations a registrant chooses from, in the words the pages show. */
export const AFFILIATIONS = {
  worker: 'Worker',
  union: 'Union',
  employer: 'Employer',
  'ai-developer': 'AI developer',
  researcher: 'Researcher',
  advocate: 'Advocate',
  government: 'Government',
  other: 'Other',
} as const;
export type Affiliation = keyof typeof AFFILIATIONS;
