export { createOrganization, updateOrganization, setProjects, listOrganizations } from './organizations.js';
export { createUser, setUserDisabled, listUsers, presentUser } from './users.js';
