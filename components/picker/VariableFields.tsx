import type { VariableProblem } from '@/lib/templates/validate';
import { VARIABLE_SOURCES, type VariableSource } from '@/lib/templates/prefill';
import { t, type MessageKey } from '@/lib/i18n';

export interface VariableFieldsProps {
  placeholders: string[];
  samples: Record<string, string>;
  values: Record<string, string>;
  sources: Record<string, VariableSource>;
  problems: Record<string, VariableProblem>;
  onValue: (key: string, value: string) => void;
  onSource: (key: string, source: VariableSource) => void;
}

const SOURCE_TEXT: Record<VariableSource, MessageKey> = {
  custom: 'source_custom',
  'first-name': 'source_first_name',
  'full-name': 'source_full_name',
  organisation: 'source_organisation',
  deal: 'source_deal',
  owner: 'source_owner',
};

const PROBLEM_TEXT: Record<VariableProblem, MessageKey> = {
  missing: 'variable_missing',
  newline: 'variable_newline',
  spaces: 'variable_spaces',
  'too-long': 'variable_too_long',
};

/** One input per placeholder, labelled with the placeholder itself, with where its value comes from. */
export function VariableFields({ placeholders, samples, values, sources, problems, onValue, onSource }: VariableFieldsProps) {
  if (placeholders.length === 0) return null;
  return (
    <fieldset class="variables">
      <legend>{t('picker_variables')}</legend>
      {placeholders.map((key) => {
        const id = `wat-var-${key}`;
        const problem = problems[key];
        return (
          <div class="variable" key={key}>
            <label for={id}>{`{{${key}}}`}</label>
            <input id={id} value={values[key] ?? ''} placeholder={samples[key] ?? ''} maxLength={1000}
              aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined}
              onInput={(e) => onValue(key, e.currentTarget.value)} />
            <select aria-label={t('picker_fill_from', `{{${key}}}`)} value={sources[key] ?? 'custom'}
              onChange={(e) => onSource(key, e.currentTarget.value as VariableSource)}>
              {VARIABLE_SOURCES.map((source) => <option key={source} value={source}>{t(SOURCE_TEXT[source])}</option>)}
            </select>
            {problem && <p id={`${id}-problem`} class="problem">{t(PROBLEM_TEXT[problem])}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}
