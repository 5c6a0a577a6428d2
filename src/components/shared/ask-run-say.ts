import type { ImError } from '../../model/errors.js';
import '../dialog/dialog.js';
import { askInDialog, type DialogAnswer, type ImDialog } from '../dialog/dialog.component.js';
import type { CommandRunner } from './command-runner.js';

/** A question for `askInDialog`. */
export type Ask = Pick<ImDialog, 'heading' | 'confirmLabel'> & Partial<Pick<ImDialog, 'text' | 'danger' | 'field' | 'choice'>>;

/** A command the reader chose, as the settings sheet's options and a message's options describe one. */
export interface Step<R> {
  /** Asked first; a cancel ends it there. */
  ask?: Ask;
  /** What it does, with the dialog's answer when it asked. */
  run?: (answer: DialogAnswer | undefined) => Promise<R>;
  /** What is said when it is done. */
  said?: (result: R) => string | undefined;
  /** A failure in its own words, when the general ones would not say what to do. */
  failure?: (error: ImError) => string | undefined;
}

export interface StepOutcome<R> {
  /** `skipped`: another command of the element was running, so nothing was asked or done. */
  outcome: 'skipped' | 'cancelled' | 'failed' | 'done';
  result?: R;
  answer?: DialogAnswer;
}

/**
 * The one way a chosen command goes: ask first where it says so (the dialog goes in
 * `root`), run it through the element's runner (one at a time, its failure shown in the
 * reader's words), and say politely what was done. Where focus goes next is the caller's.
 */
export async function askRunSay<R>(root: Element | DocumentFragment, runner: CommandRunner, say: (text: string) => void, step: Step<R>): Promise<StepOutcome<R>> {
  // One at a time: no question is asked whose answer would then be dropped.
  if (runner.busy) return { outcome: 'skipped' };
  const answer = step.ask ? await askInDialog(root, step.ask) : undefined;
  if (step.ask && !answer) return { outcome: 'cancelled' };
  let result: R | undefined;
  const done = await runner.run(async () => (result = await step.run?.(answer)), step.failure);
  if (!done) return { outcome: 'failed', ...(answer ? { answer } : {}) };
  const said = step.said?.(result as R);
  if (said) say(said);
  return { outcome: 'done', ...(result === undefined ? {} : { result }), ...(answer ? { answer } : {}) };
}
