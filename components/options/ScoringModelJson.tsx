import type { ScoringModelEditor } from '../../lib/options/scoring-model';

/** The whole model as JSON; every problem is listed as "path: message" with the line of the JSON it is on. */
export function ScoringModelJson({ editor }: { editor: ScoringModelEditor }) {
  const syntax = editor.syntax.value;
  const issues = editor.issues.value;
  const hasProblems = syntax !== null || issues.length > 0;
  return (
    <div class="sm-json">
      <textarea
        aria-label="Scoring model JSON"
        spellcheck={false}
        rows={24}
        value={editor.jsonText.value}
        onInput={(e) => editor.editJson(e.currentTarget.value)}
        {...(hasProblems ? { 'aria-invalid': true, 'aria-describedby': 'sm-json-problems' } : {})}
      />
      {hasProblems && (
        <ul class="error sm-problems" id="sm-json-problems" role="alert" aria-label="Scoring model JSON problems">
          {syntax && (
            <li>
              <span class="sm-line">
                Line {syntax.line}, column {syntax.column}
              </span>{' '}
              JSON syntax error: {syntax.message}
            </li>
          )}
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <span class="sm-line">Line {i.line}</span> {i.path || 'model'}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
