import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import scaffolderPlinthModule, { plinthEntityNameFormField } from './index';

describe('scaffolder-plinth module', () => {
  it('is a module of the scaffolder plugin', () => {
    expect(scaffolderPlinthModule.$$type).toBe('@backstage/FrontendModule');
    expect((scaffolderPlinthModule as any).pluginId).toBe('scaffolder');
  });

  it('provides the PlinthEntityName field to the scaffolder form-fields API', async () => {
    const tester = createExtensionTester(plinthEntityNameFormField);
    const loader = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = await loader();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
  });
});
