import { screen } from '@testing-library/react';
import { useApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { catalogGraphModule } from './catalogGraphModule';

/** What the graph card and page read from the catalog graph API. */
const GraphRelations = () => {
  const api = useApi(catalogGraphApiRef);
  return (
    <dl>
      <dt>known</dt>
      <dd data-testid="known">{api.knownRelations.join(' ')}</dd>
      <dt>default</dt>
      <dd data-testid="default">{api.defaultRelations.join(' ')}</dd>
      <dt>pairs</dt>
      <dd data-testid="pairs">
        {api.knownRelationPairs.map(pair => pair.join('/')).join(' ')}
      </dd>
    </dl>
  );
};

const words = (testId: string) =>
  screen.getByTestId(testId).textContent!.split(' ');

describe('catalogGraphModule', () => {
  beforeEach(async () => {
    renderInTestApp(<GraphRelations />, {
      features: [catalogGraphPlugin, catalogGraphModule],
    });
    await screen.findByTestId('known');
  });

  it('makes the catalog graph know and draw the escalation relations by default', () => {
    expect(words('known')).toEqual(
      expect.arrayContaining(['escalatesVia', 'escalationFor']),
    );
    expect(words('default')).toEqual(
      expect.arrayContaining(['escalatesVia', 'escalationFor']),
    );
  });

  it('draws an escalation as one edge from the covered entity to its policy', () => {
    expect(words('pairs')).toContain('escalatesVia/escalationFor');
  });

  it('keeps the built-in relations and pairs', () => {
    expect(words('default')).toEqual(
      expect.arrayContaining(['ownedBy', 'ownerOf', 'dependsOn', 'partOf']),
    );
    expect(words('pairs')).toContain('ownerOf/ownedBy');
  });
});
