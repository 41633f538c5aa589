import type { ComponentChildren } from 'preact';

/** One column: its heading and what each row shows in it. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** The cell that names the row (a `<th scope="row">`, shown as the card's title at 360 px). */
  rowHeader?: boolean;
  /** Numbers, aligned right. */
  numeric?: boolean;
  /** A column of links or buttons: its heading is for screen readers only, and its cells carry no label on a phone. */
  action?: boolean;
}

/**
 * A table of rows: headings once, and on a narrow screen every row a card whose cells repeat
 * their heading (`data-label`).
 */
export function Table<Row>({ columns, rows, caption }: { columns: readonly Column<Row>[]; rows: readonly Row[]; caption?: string }) {
  return (
    <table class="table">
      {caption && <caption class="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">{column.action ? <span class="visually-hidden">{column.header}</span> : column.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {columns.map((column) =>
              column.rowHeader ? (
                <th scope="row">{column.cell(row)}</th>
              ) : (
                <td data-label={column.action ? undefined : column.header} class={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
