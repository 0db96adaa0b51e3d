import { useSearchParams } from 'react-router-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  OWNERSHIP_MATRIX_ALL_ROWS_REF,
  OwnershipClient,
  ownershipMatrixExportPermission,
} from '@plinth/plugin-ownership-common';
import { FakeOwnershipApi, testAppOptions } from '../../testing';
import { filtersFromSearchParams } from '../MatrixFilters';
import { CsvExportButton } from './CsvExportButton';
import { saveCsv } from './saveCsv';

jest.mock('./saveCsv', () => ({ saveCsv: jest.fn() }));

// AuthorizeResult without a dependency on plugin-permission-common (only the mock needs it).
type Decision = ReturnType<
  Extract<
    NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'],
    (...args: any[]) => unknown
  >
>;
const ALLOW = 'ALLOW' as unknown as Decision;
const DENY = 'DENY' as unknown as Decision;

/** The button as the Matrix tab uses it: filters come from the URL. */
const WithUrlFilters = () => {
  const [params] = useSearchParams();
  return <CsvExportButton filters={filtersFromSearchParams(params)} />;
};

/**
 * What the permission backend answers for "may I export every row?": ALLOW for exporter
 * groups, DENY for everyone else (their decision is conditional, and no row matches the
 * all-rows ref).
 */
const permissionApi = (exporter: boolean) =>
  mockApis.permission({
    authorize: request =>
      exporter &&
      request.permission.name === ownershipMatrixExportPermission.name &&
      request.resourceRef === OWNERSHIP_MATRIX_ALL_ROWS_REF
        ? ALLOW
        : DENY,
  });

function renderButton(options: {
  url?: string;
  exporter?: boolean;
  groups?: string[];
  api?: FakeOwnershipApi;
}) {
  const api = options.api ?? new FakeOwnershipApi();
  const app = testAppOptions(api);
  renderInTestApp(<WithUrlFilters />, {
    ...app,
    apis: [
      ...app.apis,
      permissionApi(options.exporter ?? false),
      mockApis.identity({
        userEntityRef: 'user:default/gita',
        ownershipEntityRefs: [
          'user:default/gita',
          ...(options.groups ?? ['group:default/identity']),
        ],
      }),
    ],
    initialRouteEntries: [options.url ?? '/ownership'],
  });
  return api;
}

const button = () => screen.findByRole('button', { name: 'Download CSV' });

/** Waits for the permission and identity answers to enable the button. */
const enabledButton = () =>
  waitFor(
    async () => {
      const found = await button();
      expect(found).toBeEnabled();
      return found;
    },
    // The first render of a test file loads the whole app shell.
    { timeout: 5000 },
  );

describe('CsvExportButton', () => {
  afterEach(() => jest.mocked(saveCsv).mockClear());

  it('lets an exporter download every row for the current filters', async () => {
    const api = renderButton({ exporter: true, url: '/ownership?tier=tier-1' });

    await userEvent.click(await enabledButton());
    expect(screen.queryByTestId('csv-export-explanation')).toBeNull();

    await waitFor(() =>
      expect(saveCsv).toHaveBeenCalledWith(
        'ownership.csv',
        'entityRef\ncomponent:default/user-service\n',
      ),
    );
    expect(api.exportMatrixCsv).toHaveBeenCalledWith({ tier: ['tier-1'] });
  });

  it('lets a non-exporter download when the owner filter names only their teams', async () => {
    renderButton({
      exporter: false,
      url: '/ownership?owner=group%3Adefault%2Fidentity',
    });

    await enabledButton();
    expect(screen.queryByTestId('csv-export-explanation')).toBeNull();
  });

  it('disables the download for a non-exporter without a team filter and says why, naming their teams', async () => {
    renderButton({
      exporter: false,
      groups: ['group:default/identity', 'group:default/payments'],
      url: '/ownership?owner=group%3Adefault%2Fidentity&owner=group%3Adefault%2Fsearch',
    });

    const explanation = await screen.findByTestId(
      'csv-export-explanation',
      {},
      { timeout: 5000 },
    );
    expect(await button()).toBeDisabled();
    expect(await button()).toHaveAttribute(
      'aria-describedby',
      'csv-export-explanation',
    );
    expect(explanation).toHaveTextContent(
      'Exporting every row is limited to the exporter groups set by the platform team. Filter by a team you belong to and you can export its rows: identity, payments.',
    );
    expect(
      within(explanation).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/ownership?owner=group%3Adefault%2Fpayments');
  });

  it('enables the download once the user filters by their team from the explanation, by keyboard', async () => {
    renderButton({ exporter: false, groups: ['group:default/identity'] });

    const explanation = await screen.findByTestId(
      'csv-export-explanation',
      {},
      { timeout: 5000 },
    );
    expect(await button()).toBeDisabled();
    within(explanation).getByRole('link', { name: 'identity' }).focus();
    await userEvent.keyboard('{Enter}');

    await enabledButton();
    expect(screen.queryByTestId('csv-export-explanation')).toBeNull();
  });

  it('tells a user in no team that team filters would need a membership', async () => {
    renderButton({ exporter: false, groups: [] });

    expect(
      await screen.findByTestId(
        'csv-export-explanation',
        {},
        { timeout: 5000 },
      ),
    ).toHaveTextContent(
      'Exporting every row is limited to the exporter groups set by the platform team. Filtering by a team you belong to lets you export its rows, but you are not a member of any team in the catalog.',
    );
    expect(await button()).toBeDisabled();
  });

  it("shows the backend's reason when it refuses the export", async () => {
    const refusal =
      'ownership.matrix.export: you may export only rows owned by your groups (group:default/identity); 1 of the 2 requested rows belong to other owners. Filter by your team, or ask a member of an exporter group (plinth.permissions.exporters).';
    const api = new FakeOwnershipApi();
    // A real 403 ResponseError, as the client throws it.
    api.exportMatrixCsv.mockImplementation(filters =>
      new OwnershipClient({
        discoveryApi: { getBaseUrl: async () => 'http://test/api/ownership' },
        fetchApi: {
          fetch: async () =>
            new Response(
              // The RFC 9457 problem the ownership backend sends with an error.
              JSON.stringify({
                type: 'about:blank',
                title: 'Forbidden',
                status: 403,
                detail: refusal,
                instance: '/api/ownership/v1/matrix.csv',
                error: { name: 'NotAllowedError', message: refusal },
                request: { method: 'GET', url: '/v1/matrix.csv' },
                response: { statusCode: 403 },
              }),
              {
                status: 403,
                statusText: 'Forbidden',
                headers: {
                  'content-type': 'application/problem+json; charset=utf-8',
                },
              },
            ),
        },
      }).exportMatrixCsv(filters),
    );
    renderButton({
      api,
      exporter: false,
      url: '/ownership?owner=group%3Adefault%2Fidentity',
    });

    await userEvent.click(await enabledButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      `The CSV download failed: ${refusal}`,
    );
    expect(saveCsv).not.toHaveBeenCalled();
  });
});
