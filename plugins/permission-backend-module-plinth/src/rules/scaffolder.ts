import {
  administrators,
  allow,
  conditional,
  deny,
  isMemberOf,
  signedInUsers,
} from './decisions';
import type { PlinthPermissionRule } from './types';

// Names and rules of @backstage/plugin-scaffolder-common and plugin-scaffolder-backend.
const SCAFFOLDER_PLUGIN_ID = 'scaffolder';
const SCAFFOLDER_TASK_RESOURCE_TYPE = 'scaffolder-task';
const IS_TASK_OWNER = 'IS_TASK_OWNER';

export const scaffolderRules: PlinthPermissionRule[] = [
  {
    id: 'scaffolder.run',
    description:
      'Run templates (read their parameters and steps, dry-run, create tasks, execute actions): any signed-in user.',
    match: {
      names: [
        'scaffolder.template.parameter.read',
        'scaffolder.template.step.read',
        'scaffolder.template.dry-run',
        'scaffolder.task.create',
        'scaffolder.action.execute',
      ],
    },
    decide: signedInUsers,
  },
  {
    id: 'scaffolder.task',
    description:
      'Read and cancel a task: the user who started it; members of plinth.permissions.administrators see and cancel all.',
    match: { names: ['scaffolder.task.read', 'scaffolder.task.cancel'] },
    decide({ user, groups }) {
      if (!user) {
        return deny;
      }
      if (isMemberOf(user, groups.administrators)) {
        return allow;
      }
      return conditional(SCAFFOLDER_PLUGIN_ID, SCAFFOLDER_TASK_RESOURCE_TYPE, {
        rule: IS_TASK_OWNER,
        resourceType: SCAFFOLDER_TASK_RESOURCE_TYPE,
        params: { createdBy: [user.entityRef] },
      });
    },
  },
  {
    id: 'scaffolder.template.management',
    description:
      'Manage templates in the template editor: members of plinth.permissions.administrators.',
    match: { names: ['scaffolder.template.management'] },
    decide: administrators,
  },
];
