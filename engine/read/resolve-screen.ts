import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { DEFAULT_SCREEN_CLASSES, DEFAULT_SCREEN_RULES, type ScreenPlan } from '../plan/screen.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import type { MappingSpec } from './mapping-types.ts';
import { pathToString, type YamlSource } from './yaml-source.ts';

/** Class → rule name meaning "no rule": every cell of the class is suppressed. */
export const NO_SCREEN_RULE = 'suppress';

/**
 * The mapping's `privacy_screen` over the defaults (NY 15/15 and 6/40): its rules are added to
 * the default rules (a name given again replaces them), its classes to the default assignment.
 */
export function resolveScreen(
  source: YamlSource,
  spec: MappingSpec['privacy_screen'],
): { screen?: ScreenPlan; diagnostics: Diagnostic[] } {
  if (!spec) return { diagnostics: [] };
  const rules = { ...DEFAULT_SCREEN_RULES, ...spec.rules };
  const assigned = { ...DEFAULT_SCREEN_CLASSES, ...spec.classes };
  const diagnostics: Diagnostic[] = [];
  const classes: ScreenPlan['classes'] = {};
  for (const [cls, rule] of Object.entries(assigned)) {
    if (rule === NO_SCREEN_RULE) continue;
    if (!rules[rule]) {
      const p = ['privacy_screen', 'classes', cls];
      const hint = didYouMean(rule, [...Object.keys(rules), NO_SCREEN_RULE]);
      const where = { at: source.locate(p), path: pathToString(p), hint };
      diagnostics.push(diag('screen-unknown-rule', { class: cls, rule }, where));
      continue;
    }
    classes[cls] = { rule, ...rules[rule] };
  }
  return { screen: { classes }, diagnostics };
}
