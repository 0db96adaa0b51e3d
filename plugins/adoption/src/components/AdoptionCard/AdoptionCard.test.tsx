import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { FakeAdoptionApi, testAppOptions } from '../../testing';
import { AdoptionCard } from './AdoptionCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service', namespace: 'default' },
  spec: { owner: 'group:default/orders' },
};

const renderCard = (api: FakeAdoptionApi) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <AdoptionCard />
    </EntityProvider>,
    testAppOptions(api),
  );

const item = async (id: string) =>
  within(await screen.findByTestId(`adoption-check-${id}`));

describe('AdoptionCard', () => {
  it('runs the checks of the entity on the page and reads the facts of every check', async () => {
    const api = new FakeAdoptionApi();
    renderCard(api);
    await screen.findByText('1 of 2 evaluated checks pass');
    expect(api.runChecks).toHaveBeenCalledWith(
      'component:default/orders-service',
    );
    expect(api.getLatestFacts).toHaveBeenCalledWith(
      'component:default/orders-service',
      [
        'plinthCatalogFactRetriever',
        'plinthTemplateFactRetriever',
        'plinthApiFactRetriever',
        'plinthPipelineHealthFactRetriever',
      ],
    );
  });

  it('lists failing checks first with a link to what to do next, and passing ones without', async () => {
    renderCard(new FakeAdoptionApi());
    const items = await screen.findAllByTestId(/^adoption-check-/);
    expect(items.map(i => i.dataset.testid)).toEqual([
      'adoption-check-template-version',
      'adoption-check-breaking-changes',
      'adoption-check-pipeline-health',
      'adoption-check-owner',
    ]);
    const failing = await item('template-version');
    expect(failing.getByText('Fail')).toBeInTheDocument();
    expect(
      failing.getByRole('link', { name: /What to do next/ }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/plinth-portal/adoption-guide/#template-version',
    );
    const passing = await item('owner');
    expect(passing.getByText('Pass')).toBeInTheDocument();
    expect(passing.queryByRole('link', { name: /What to do next/ })).toBeNull();
  });

  it("shows what changed in the template since the entity's version", async () => {
    renderCard(new FakeAdoptionApi());
    const failing = await item('template-version');
    expect(
      failing.getByText('What changed in the template since your version'),
    ).toBeInTheDocument();
    expect(failing.getByText('1.2.0')).toBeInTheDocument();
    expect(
      failing.getByText('- TechDocs: a separate on-call page.'),
    ).toBeInTheDocument();
  });

  it('says why a check was not evaluated, or that it does not apply', async () => {
    renderCard(new FakeAdoptionApi());
    const breaking = await item('breaking-changes');
    expect(breaking.getByText('Not evaluated')).toBeInTheDocument();
    expect(
      breaking.getByText(
        /not evaluated yet: api-governance backend not available/,
      ),
    ).toBeInTheDocument();
    const pipeline = await item('pipeline-health');
    expect(
      pipeline.getByText(/Does not apply to this entity/),
    ).toBeInTheDocument();
  });

  it('shows the facts behind a result on request', async () => {
    renderCard(new FakeAdoptionApi());
    const owner = await item('owner');
    await userEvent.click(owner.getByRole('button', { name: 'Show facts' }));
    const table = owner.getByRole('table', {
      name: 'Facts behind Owned by a real team',
    });
    expect(within(table).getByText('ownerRef')).toBeInTheDocument();
    expect(within(table).getByText('group:default/orders')).toBeInTheDocument();
  });

  it('says what to check when the Tech Insights backend cannot answer', async () => {
    const api = new FakeAdoptionApi();
    api.runChecks.mockRejectedValue(new Error('502 Bad Gateway'));
    renderCard(api);
    expect(
      await screen.findByText(
        /check that the Tech Insights backend is installed/,
      ),
    ).toBeInTheDocument();
  });

  it('shows progress until the answer', async () => {
    const api = new FakeAdoptionApi();
    api.getChecks.mockReturnValue(new Promise(() => {}));
    renderCard(api);
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });
});
