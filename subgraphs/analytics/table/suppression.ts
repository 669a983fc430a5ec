/*
 * Disclosure control. Primary: a cell whose value rests on 1 to k-1 distinct participants is suppressed.
 * Secondary, for additive measures: the sum of each "line" of cells (all dimensions fixed but one) can be read
 * from a coarser table (or, for one dimension, from the total), so a line must never hold exactly one suppressed
 * cell: the cell with the fewest participants among the visible ones is suppressed too, until none does.
 */

export interface SuppressibleCell {
  participants: number;
  value: number | null;
  suppressed: boolean;
}

/** `keys[r]` are row r's dimension values; `cells[r]` the row's cell of one measure. Marks cells suppressed in place. */
export function suppress(keys: string[][], cells: SuppressibleCell[], k: number, additive: boolean): void {
  for (const cell of cells) if (cell.participants > 0 && cell.participants < k) cell.suppressed = true;
  if (!additive || !keys.length) return;
  const width = keys[0].length;
  for (let changed = true; changed;) {
    changed = false;
    for (let dim = 0; dim < width; dim++) {
      const lines = new Map<string, number[]>();
      keys.forEach((key, row) => {
        const line = JSON.stringify(key.filter((_, i) => i !== dim));
        lines.set(line, [...(lines.get(line) ?? []), row]);
      });
      for (const rows of lines.values()) {
        if (rows.filter((r) => cells[r].suppressed).length !== 1) continue;
        const candidates = rows.filter((r) => !cells[r].suppressed);
        if (!candidates.length) continue;
        // Prefer a cell with participants (a zero cell hides nothing), then the smallest.
        candidates.sort(
          (a, b) =>
            Number(cells[a].participants === 0) - Number(cells[b].participants === 0) || cells[a].participants - cells[b].participants,
        );
        cells[candidates[0]].suppressed = true;
        changed = true;
      }
    }
  }
}
