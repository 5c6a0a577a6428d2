import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** How far beyond the screen the flow layout renders rows (px) unless told otherwise: its own default. */
const OVERHANG = 1000;

export interface HistoryLayoutConfig extends NonNullable<FlowLayout['config']> {
  /** How far beyond the screen rows are rendered (px); 1 000 when not given. */
  overhang?: number;
}

/**
 * The virtualizer's flow layout, with its overhang (the rows it keeps rendered beyond
 * the screen, ready for a fling) as a setting. The flow layout keeps it in a protected
 * field that no config reaches; a test of the burst in conversation-view.test.ts fails
 * if a release moves it.
 */
export class HistoryLayout extends FlowLayout {
  get overhang(): number {
    return this._overhang;
  }

  set overhang(px: number) {
    if (px === this._overhang) return;
    this._overhang = px;
    this._triggerReflow();
  }

  protected override _getDefaultConfig(): HistoryLayoutConfig {
    return { ...super._getDefaultConfig(), overhang: OVERHANG };
  }
}
