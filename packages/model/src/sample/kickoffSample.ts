import type { KickoffSample } from './format.js'

/**
 * The demo kickoff: a 30-day AI strategy sprint at a mid-size B2B software company. A verbatim copy
 * of test/fixtures/kickoff-sample.json (a test keeps the two identical), shipped inside the
 * package so the server can seed a room from it without reading files.
 */
export const KICKOFF_SAMPLE: KickoffSample = {
  format: 'kickoff-sample/1',
  about:
    "A realistic cross-functional kickoff: a 30-day AI strategy sprint for a mid-size B2B software company. Plain data for demos, seeds and tests; the board's own import format is the project's to design.",
  title: 'Atlas: 30-day AI strategy sprint',
  purpose: {
    statement:
      'Find the three places where AI gives us faster decisions and less manual work, and agree who builds each one next quarter.',
    why: 'Leadership needs a practical AI strategy before budget planning on 15 January; today each team experiments alone and nothing reaches production.',
    successMeasures: [
      'Three use cases ranked by value and feasibility, each with a named owner',
      'Every functional lead interviewed within the first 14 days',
      'Data-readiness findings accepted by IT/Data leadership',
      'Executive sponsor signs off the roadmap on day 30',
    ],
  },
  scope: {
    in: [
      'Interviews with functional leaders',
      'Data and systems inventory',
      'Ranked use-case roadmap',
    ],
    out: ['No software implementation', 'No tool mandates', 'No production access'],
  },
  teams: [
    {
      id: 'exec',
      name: 'Executive sponsors',
      owner: 'Maya Okafor',
      members: [
        {
          name: 'Maya Okafor',
          role: 'lead',
        },
        {
          name: 'Daniel Reyes',
          role: 'reviewer',
        },
      ],
    },
    {
      id: 'product',
      name: 'Product',
      owner: 'Priya Natarajan',
      members: [
        {
          name: 'Priya Natarajan',
          role: 'lead',
        },
        {
          name: 'Tom Becker',
          role: 'contributor',
        },
      ],
    },
    {
      id: 'eng',
      name: 'Engineering',
      owner: 'Lukas Meyer',
      members: [
        {
          name: 'Lukas Meyer',
          role: 'lead',
        },
        {
          name: 'Aiko Tanaka',
          role: 'contributor',
        },
        {
          name: 'Sam Osei',
          role: 'contributor',
        },
      ],
    },
    {
      id: 'data',
      name: 'IT / Data',
      owner: 'Fatima Zahra',
      members: [
        {
          name: 'Fatima Zahra',
          role: 'lead',
        },
        {
          name: 'Chen Wei',
          role: 'contributor',
        },
      ],
    },
    {
      id: 'sales',
      name: 'Sales',
      owner: 'Jordan Blake',
      members: [
        {
          name: 'Jordan Blake',
          role: 'lead',
        },
        {
          name: 'Elena Rossi',
          role: 'reviewer',
        },
      ],
    },
    {
      id: 'support',
      name: 'Customer Support',
      owner: 'Grace Kim',
      members: [
        {
          name: 'Grace Kim',
          role: 'lead',
        },
        {
          name: 'Omar Haddad',
          role: 'contributor',
        },
      ],
    },
    {
      id: 'finance',
      name: 'Finance',
      owner: 'Henrik Larsen',
      members: [
        {
          name: 'Henrik Larsen',
          role: 'lead',
        },
      ],
    },
    {
      id: 'security',
      name: 'Security & Compliance',
      owner: '',
      members: [
        {
          name: 'Nadia Petrova',
          role: 'contributor',
        },
      ],
    },
  ],
  lenses: [
    {
      id: 'growth',
      title: 'Revenue or growth enablement',
      description: 'Where AI helps us win or expand accounts.',
    },
    {
      id: 'cost',
      title: 'Cost reduction and efficiency',
      description: 'Manual work we can remove.',
    },
    {
      id: 'planning',
      title: 'Planning, forecasting and operations',
      description: 'Better forecasts and capacity plans.',
    },
    {
      id: 'backoffice',
      title: 'Automation of back-office work',
      description: 'Invoices, contracts, onboarding paperwork.',
    },
    {
      id: 'data',
      title: 'Data integrity and source of truth',
      description: 'One trusted customer record.',
    },
    {
      id: 'security',
      title: 'Security and responsible AI use',
      description: 'Guardrails before scale.',
    },
  ],
  voting: {
    dotsPerPerson: 3,
    maxDotsPerLens: 2,
    hiddenUntilReveal: true,
    chooseAtLeast: 2,
    chooseAtMost: 4,
  },
  votes: [
    {
      voter: 'Maya Okafor',
      dots: ['growth', 'data', 'data'],
    },
    {
      voter: 'Daniel Reyes',
      dots: ['cost', 'cost', 'growth'],
    },
    {
      voter: 'Priya Natarajan',
      dots: ['growth', 'planning', 'data'],
    },
    {
      voter: 'Lukas Meyer',
      dots: ['data', 'security', 'backoffice'],
    },
    {
      voter: 'Fatima Zahra',
      dots: ['data', 'data', 'security'],
    },
    {
      voter: 'Jordan Blake',
      dots: ['growth', 'growth', 'cost'],
    },
    {
      voter: 'Grace Kim',
      dots: ['backoffice', 'cost', 'data'],
    },
    {
      voter: 'Henrik Larsen',
      dots: ['cost', 'cost', 'planning'],
    },
    {
      voter: 'Elena Rossi',
      dots: ['growth', 'growth', 'growth', 'cost'],
    },
  ],
  milestones: [
    {
      id: 'm1',
      name: 'Interviews scheduled',
      date: '2026-12-01',
      outcome: 'Every functional lead has a slot in week 1–2',
    },
    {
      id: 'm2',
      name: 'Data reality check',
      date: '2026-12-10',
      outcome: 'Inventory of systems and data trust issues accepted by IT/Data',
    },
    {
      id: 'm3',
      name: 'Use-case shortlist',
      date: '2026-12-17',
      outcome: 'Ten candidates scored on value and feasibility',
    },
    {
      id: 'm4',
      name: 'Roadmap sign-off',
      date: '2026-12-31',
      outcome: 'Sponsor approves three use cases with owners',
    },
  ],
  dependencies: [
    {
      from: 'product',
      to: 'data',
      what: 'Systems and data inventory',
      by: 'm2',
    },
    {
      from: 'eng',
      to: 'data',
      what: 'Read-only sample exports of CRM and ticket data',
      by: 'm2',
    },
    {
      from: 'data',
      to: 'security',
      what: 'Approval of data handling rules for interview notes',
      by: 'm1',
    },
    {
      from: 'sales',
      to: 'product',
      what: 'Top five deal-loss reasons, ranked',
      by: 'm3',
    },
    {
      from: 'support',
      to: 'eng',
      what: 'Ticket-volume breakdown by category',
      by: 'm3',
    },
    {
      from: 'finance',
      to: 'exec',
      what: 'Budget envelope for next quarter',
      by: 'm4',
    },
    {
      from: 'exec',
      to: 'product',
      what: 'Ranked shortlist with cost estimates',
      by: 'm4',
    },
    {
      from: 'security',
      to: 'exec',
      what: 'Named owner for Security & Compliance',
      by: 'm1',
    },
  ],
  risks: [
    {
      title: "Functional leads can't find interview slots in week 1",
      likelihood: 4,
      impact: 4,
      owner: 'Maya Okafor',
      mitigation: 'Sponsor asks each lead for two slots in the kickoff itself',
    },
    {
      title: 'CRM data too inconsistent to judge any use case',
      likelihood: 4,
      impact: 5,
      owner: 'Fatima Zahra',
      mitigation: 'Sample 200 accounts first; report trust per field',
    },
    {
      title: 'Security forbids external AI tools mid-sprint',
      likelihood: 2,
      impact: 5,
      owner: '',
      mitigation: '',
    },
    {
      title: 'Sprint becomes tool shopping',
      likelihood: 3,
      impact: 3,
      owner: 'Priya Natarajan',
      mitigation: 'Scope says no tool mandates; review every recommendation against the lenses',
    },
    {
      title: 'Finance budget envelope arrives after roadmap',
      likelihood: 3,
      impact: 4,
      owner: 'Henrik Larsen',
      mitigation: 'Provisional envelope by 10 December',
    },
    {
      title: 'Holiday absences delay sign-off',
      likelihood: 3,
      impact: 3,
      owner: 'Maya Okafor',
      mitigation: 'Book sign-off on 22 December with a delegate',
    },
  ],
  cadence: {
    sync: 'Weekly, Tuesdays 30 minutes, owners only',
    updates: 'Asynchronous written update every Friday on the board',
  },
  retro: {
    afterDays: 30,
    whatHappened: [
      'Security & Compliance got an owner only on day 9',
      'Data reality check slipped one week; CRM trust was 61 % of fields',
      'Sign-off held on 22 December with two use cases, not three',
    ],
  },
}
