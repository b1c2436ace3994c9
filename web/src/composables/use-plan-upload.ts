import { shallowRef } from 'vue';
import { authorizationHeaders } from './use-session';

/** What `POST /api/plans` answers on success (server/src/http/upload.ts). */
export interface UploadedPlan {
  id: string;
  planId: string;
  status: 'created' | 'replaced' | 'unchanged';
  jurisdictionCode: string;
  year: number;
  sections: number;
  tasks: number;
  clauses: number;
  agencies: number;
  indicators: number;
  scheduleItems: number;
  aligned: boolean;
}

export interface Candidate {
  code: string;
  fullName: string;
}

export interface StoredDocument {
  title: string;
  documentNumber: string | null;
  sourceFileName: string;
  importedAt: string;
}

export interface IncomingDocument {
  title: string;
  documentNumber: string | null;
  fileName: string;
}

/** Where an upload stands; the refusals carry what the server said (server/src/graphql/errors.ts codes). */
export type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'importing' }
  | { kind: 'done'; plan: UploadedPlan }
  | { kind: 'invalid'; message: string; file: string; line: number; field: string; expected: string }
  | { kind: 'ambiguous'; message: string; candidates: Candidate[] }
  | { kind: 'conflict'; message: string; stored: StoredDocument; incoming: IncomingDocument }
  | { kind: 'failed'; code: string; message: string };

/** What the uploader says about the plan: the server's `?jurisdiction=&replace=`. */
export interface UploadChoices {
  jurisdiction?: string;
  replace?: boolean;
}

interface ErrorBody {
  errors?: { message: string; extensions: Record<string, unknown> & { code: string } }[];
}

/** A file's type as the upload endpoint accepts it. */
function contentType(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (name.endsWith('.md')) return 'text/markdown';
  if (name.endsWith('.html') || name.endsWith('.htm')) return 'text/html';
  if (name.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

/** Reads the server's answer into the state it means. */
export function stateOf(status: number, body: unknown): UploadState {
  if (status === 200 || status === 201) return { kind: 'done', plan: (body as { plan: UploadedPlan }).plan };
  const error = (body as ErrorBody | null)?.errors?.[0];
  const code = error?.extensions.code ?? (status ? `http/${status}` : 'network');
  const message = error?.message ?? '';
  const details: Record<string, unknown> = error?.extensions ?? {};
  if (code === 'plan/jurisdiction_unknown') return { kind: 'ambiguous', message, candidates: (details.candidates as Candidate[]) ?? [] };
  if (code === 'plan/conflict')
    return { kind: 'conflict', message, stored: details.stored as StoredDocument, incoming: details.incoming as IncomingDocument };
  if (code === 'plan/invalid')
    return {
      kind: 'invalid',
      message,
      file: String(details.file ?? ''),
      line: Number(details.line ?? 0),
      field: String(details.field ?? ''),
      expected: String(details.expected ?? ''),
    };
  return { kind: 'failed', code, message };
}

/**
 * Uploads a plan document to `POST /api/plans` as the editor signed in, with the upload's
 * progress (XMLHttpRequest reports it; fetch does not), then "importing" while the server parses,
 * writes and aligns it.
 */
export function usePlanUpload(endpoint = '/api/plans') {
  const state = shallowRef<UploadState>({ kind: 'idle' });

  function upload(file: File, choices: UploadChoices = {}): Promise<UploadState> {
    const params = new URLSearchParams();
    if (choices.jurisdiction) params.set('jurisdiction', choices.jurisdiction);
    if (choices.replace) params.set('replace', 'true');
    const query = params.size ? `?${params}` : '';
    state.value = { kind: 'uploading', percent: 0 };
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      request.open('POST', `${endpoint}${query}`);
      request.setRequestHeader('Content-Type', contentType(file));
      request.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      for (const [name, value] of Object.entries(authorizationHeaders())) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) state.value = { kind: 'uploading', percent: Math.round((event.loaded / event.total) * 100) };
      };
      request.upload.onload = () => (state.value = { kind: 'importing' });
      const finish = (next: UploadState) => {
        state.value = next;
        resolve(next);
      };
      request.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(request.responseText);
        } catch {
          // Not JSON (a proxy's error page): the status alone says what happened.
        }
        finish(stateOf(request.status, body));
      };
      request.onerror = () => finish({ kind: 'failed', code: 'network', message: '' });
      request.send(file);
    });
  }

  function reset() {
    state.value = { kind: 'idle' };
  }

  return { state, upload, reset };
}
