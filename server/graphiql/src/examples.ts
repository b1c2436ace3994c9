/** The example queries GraphiQL opens with, one tab each (until a user's own tabs are saved). */
export const exampleTabs = [
  {
    query: `# Plan Atlas: food-safety key-work plans
# (食品安全重点工作安排) of several jurisdictions.
# Run with ▶ or Ctrl-Enter; the book icon opens
# the docs of every type and field.

query Plans {
  plans(first: 10) {
    totalCount
    nodes {
      id
      title
      year
      documentNumber
      issuedOn
      jurisdiction { code name level }
      sections { label title tasks { ordinal title } }
    }
  }
}
`,
  },
  {
    query: `# Who leads campus food safety (校园食品安全)?
# Tasks whose text mentions it, with their lead agencies.
query TasksByText($text: String = "校园") {
  tasks(filter: { text: $text }, first: 20) {
    totalCount
    nodes {
      id
      ordinal
      title
      plan { title }
      agencies(role: LEAD) { name kind }
    }
  }
}
`,
  },
  {
    query: `# Numeric targets (指标) of every task.
query Targets {
  tasks(first: 50) {
    nodes {
      plan { jurisdiction { name } }
      ordinal
      title
      indicators { subject comparator value unit period qualifier sourceText }
    }
  }
}
`,
  },
  {
    query: `# Quarterly schedules (推进表): Q1–Q4 targets,
# lead and responsible units.
query Schedule {
  plans(first: 10) {
    nodes {
      title
      schedule {
        ordinal
        content
        q1 q2 q3 q4
        task { ordinal title }
        leadAgencies { name }
        responsibleAgencies { name }
      }
    }
  }
}
`,
  },
  {
    query: `# Agencies by canonical kind, and every clause that names them.
query MarketRegulators {
  agencies(kind: MARKET_REGULATION, first: 20) {
    totalCount
    nodes {
      name
      jurisdiction { name }
      assignments(first: 20) {
        totalCount
        nodes { role clause { text task { ordinal title } } }
      }
    }
  }
}
`,
  },
];
