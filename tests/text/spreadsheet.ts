/**
 * How a spreadsheet with list separator `sep` reads CSV text seglint wrote: a line is a row
 * (seglint writes no line break inside a cell; a final line break ends the last row), and a
 * quote is special only at the start of a cell, so a `;`-reader splits a comma-separated line
 * at every `;`, inside quotes or not.
 */
export function readCsv(text: string, sep: string): string[][] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    const cells: string[] = [];
    let i = 0;
    for (;;) {
      let cell = '';
      if (line[i] === '"') {
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') ((cell += '"'), (i += 2));
          else if (line[i] === '"') {
            i++;
            break;
          } else cell += line[i++];
        }
      }
      while (i < line.length && line[i] !== sep) cell += line[i++];
      cells.push(cell);
      if (i >= line.length) return cells;
      i++;
    }
  });
}

/** A cell a spreadsheet would take for a formula. */
export const FORMULA_CELL = /^[\s"]*[=+\-@\t\r]/;
