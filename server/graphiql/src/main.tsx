/**
 * GraphiQL for Plan Atlas, bundled with everything it needs (Monaco and its workers included) so
 * that it works on networks with no internet: nothing is loaded from a CDN.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { exampleTabs } from './examples.js';

/** Same-origin POSTs with a JSON body, which Apollo's CSRF prevention accepts. */
const fetcher: GraphiQLProps['fetcher'] = async (params) => {
  const response = await fetch(new URL('../graphql', window.location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(params),
  });
  return response.json();
};

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs} defaultEditorToolsVisibility />,
);
