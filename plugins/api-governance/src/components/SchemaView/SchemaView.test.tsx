import { render, screen } from '@testing-library/react';
import { SchemaView } from './SchemaView';

describe('SchemaView', () => {
  it('shows a schema that contains itself once, then says it is circular', () => {
    const document = {
      components: {
        schemas: {
          Category: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', maxLength: 40 },
              parent: { $ref: '#/components/schemas/Category' },
            },
          },
        },
      },
    };
    render(
      <SchemaView
        document={document}
        schema={{ $ref: '#/components/schemas/Category' }}
      />,
    );
    expect(screen.getByText('Category: object')).toBeInTheDocument();
    expect(screen.getByText(/maxLength 40/)).toBeInTheDocument();
    expect(
      screen.getByText('Category (circular: contains itself, see above)'),
    ).toBeInTheDocument();
  });

  it('lists the first enum values of a huge enum and counts the rest', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => `v${i}`);
    render(
      <SchemaView document={{}} schema={{ type: 'string', enum: values }} />,
    );
    expect(
      screen.getByText(/one of "v0", "v1",.*"v11" and 49988 more/),
    ).toBeInTheDocument();
  });

  it('names a reference to another document or to nothing', () => {
    render(
      <SchemaView
        document={{}}
        schema={{
          type: 'object',
          properties: {
            a: { $ref: 'other.yaml#/A' },
            b: { $ref: '#/components/schemas/Gone' },
          },
        }}
      />,
    );
    expect(
      screen.getByText('other.yaml#/A (in another document, not shown)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '#/components/schemas/Gone does not exist in this document',
      ),
    ).toBeInTheDocument();
  });
});
