import {
  forwardRef,
  useCallback,
  useRef,
  type CSSProperties,
  type HTMLAttributes,
  type KeyboardEvent,
} from 'react';
import { FixedSizeList, type ListChildComponentProps } from 'react-window';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  COVERAGE_FINDING_SEVERITY,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { ContactLink } from '../ContactLink';
import { FINDING_LABELS, FindingChip } from '../FindingChip';

const ROW_HEIGHT = 64;
// The minimums add up to TABLE_MIN_WIDTH, which fits a 1400 px window next to the open
// sidebar; narrower windows scroll the table sideways.
const GRID_COLUMNS =
  'minmax(180px, 2fr) minmax(120px, 1.2fr) 60px 100px minmax(150px, 1.5fr) minmax(150px, 1.5fr) 80px minmax(240px, 2.5fr)';
const TABLE_MIN_WIDTH = 1080;

const COLUMNS = [
  'Entity',
  'Owner',
  'Tier',
  'Lifecycle',
  'Policy',
  'First-tier contact',
  'First response',
  'Findings',
];

const SOURCE_LABELS: Record<OwnershipMatrixRow['policySource'], string> = {
  annotation: 'from annotation',
  'owner-group': "from owner's policy",
  none: '',
};

const cellSx = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  px: 1,
  display: 'flex',
  alignItems: 'center',
  minWidth: 0,
} as const;

/** Chips that fit a fixed-height row; the rest are counted in a "+N" chip. */
const CHIPS_PER_ROW = 2;

const RowFindings = ({
  findings,
}: {
  findings: OwnershipMatrixRow['findings'];
}) => {
  // Gaps first: they are what the row is about.
  const sorted = [...findings].sort(
    (a, b) =>
      Number(COVERAGE_FINDING_SEVERITY[a] !== 'error') -
      Number(COVERAGE_FINDING_SEVERITY[b] !== 'error'),
  );
  const shown = sorted.slice(0, CHIPS_PER_ROW);
  const rest = sorted.slice(CHIPS_PER_ROW);
  const restLabels = rest.map(type => FINDING_LABELS[type] ?? type).join(', ');
  return (
    <>
      {shown.map(type => (
        <FindingChip key={type} type={type} />
      ))}
      {rest.length > 0 && (
        <Tooltip title={restLabels}>
          <Chip
            size="small"
            variant="outlined"
            label={`+${rest.length}`}
            aria-label={`${rest.length} more: ${restLabels}`}
          />
        </Tooltip>
      )}
    </>
  );
};

const RowGroup = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(
  (props, ref) => <div ref={ref} role="rowgroup" {...props} />,
);

type RowData = {
  rows: OwnershipMatrixRow[];
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>, index: number) => void;
};

const MatrixRow = ({
  index,
  style,
  data,
}: ListChildComponentProps<RowData>) => {
  const row = data.rows[index];
  const firstTier = row.tiers[0];
  return (
    <Box
      role="row"
      aria-rowindex={index + 2}
      tabIndex={0}
      data-row-index={index}
      onKeyDown={e => data.onKeyDown(e, index)}
      style={style as CSSProperties}
      sx={{
        display: 'grid',
        gridTemplateColumns: GRID_COLUMNS,
        borderBottom: 1,
        borderColor: 'divider',
        '&:hover, &:focus-visible': { bgcolor: 'action.hover' },
        '&:focus-visible': { outline: 2, outlineColor: 'primary.main' },
      }}
    >
      <Box role="cell" sx={cellSx}>
        <EntityRefLink
          entityRef={row.entityRef}
          title={row.title ?? row.name}
        />
      </Box>
      <Box role="cell" sx={cellSx}>
        {row.ownerRef ? (
          <EntityRefLink
            entityRef={row.ownerRef}
            defaultKind="group"
            title={row.ownerTitle}
          />
        ) : (
          <Typography color="error" variant="body2">
            none
          </Typography>
        )}
      </Box>
      <Box role="cell" sx={cellSx}>
        {row.tier ?? '–'}
      </Box>
      <Box role="cell" sx={cellSx}>
        {row.lifecycle ?? '–'}
      </Box>
      <Box
        role="cell"
        sx={{
          ...cellSx,
          flexDirection: 'column',
          alignItems: 'flex-start',
          justifyContent: 'center',
        }}
      >
        {row.policyRef ? (
          <>
            <EntityRefLink entityRef={row.policyRef} />
            <Typography variant="caption" color="text.secondary">
              {SOURCE_LABELS[row.policySource]}
            </Typography>
          </>
        ) : (
          <Typography color="error" variant="body2">
            none
          </Typography>
        )}
      </Box>
      <Box role="cell" sx={cellSx}>
        {firstTier?.contacts[0] ? (
          <ContactLink contact={firstTier.contacts[0]} compact />
        ) : (
          '–'
        )}
      </Box>
      <Box role="cell" sx={cellSx}>
        {row.firstResponseMinutes !== undefined
          ? `${row.firstResponseMinutes} min`
          : '–'}
      </Box>
      <Box
        role="cell"
        sx={{
          ...cellSx,
          gap: 0.5,
          flexWrap: 'wrap',
          alignContent: 'center',
        }}
      >
        <RowFindings findings={row.findings} />
      </Box>
    </Box>
  );
};

export type MatrixTableProps = {
  rows: OwnershipMatrixRow[];
  /** Total rows matching the filters, which may exceed the rows loaded. */
  totalItems?: number;
  /** Visible height of the scrolling body in pixels. */
  height?: number;
};

/**
 * The ownership matrix as an ARIA table whose body is virtualised, so thousands of
 * entities scroll smoothly. Rows are focusable; arrow keys, Home and End move between them.
 */
export const MatrixTable = ({
  rows,
  totalItems,
  height = 560,
}: MatrixTableProps) => {
  const listRef = useRef<FixedSizeList<RowData>>(null);
  const outerRef = useRef<HTMLDivElement>(null);

  const focusRow = useCallback((index: number) => {
    listRef.current?.scrollToItem(index);
    // The row may only exist after react-window renders the new window.
    requestAnimationFrame(() =>
      outerRef.current
        ?.querySelector<HTMLElement>(`[data-row-index="${index}"]`)
        ?.focus(),
    );
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>, index: number) => {
      if (event.target !== event.currentTarget) return;
      const last = rows.length - 1;
      const target = {
        ArrowDown: Math.min(index + 1, last),
        ArrowUp: Math.max(index - 1, 0),
        Home: 0,
        End: last,
        PageDown: Math.min(index + 10, last),
        PageUp: Math.max(index - 10, 0),
      }[event.key];
      if (target !== undefined) {
        event.preventDefault();
        focusRow(target);
      }
    },
    [rows.length, focusRow],
  );

  return (
    <Box
      role="table"
      aria-label="Ownership matrix"
      aria-rowcount={(totalItems ?? rows.length) + 1}
      sx={{ overflowX: 'auto' }}
    >
      <Box sx={{ minWidth: TABLE_MIN_WIDTH }}>
        <Box role="rowgroup">
          <Box
            role="row"
            aria-rowindex={1}
            sx={{
              display: 'grid',
              gridTemplateColumns: GRID_COLUMNS,
              borderBottom: 2,
              borderColor: 'divider',
              py: 1,
            }}
          >
            {COLUMNS.map(column => (
              <Typography
                key={column}
                role="columnheader"
                variant="subtitle2"
                sx={{ px: 1 }}
              >
                {column}
              </Typography>
            ))}
          </Box>
        </Box>
        <FixedSizeList
          ref={listRef}
          outerRef={outerRef}
          innerElementType={RowGroup}
          height={Math.min(height, rows.length * ROW_HEIGHT)}
          width="100%"
          itemCount={rows.length}
          itemSize={ROW_HEIGHT}
          itemData={{ rows, onKeyDown }}
          itemKey={(index, data) => data.rows[index].entityRef}
          overscanCount={8}
        >
          {MatrixRow}
        </FixedSizeList>
      </Box>
    </Box>
  );
};
