//

export * from '../models/CoverageFinding.model';
export * from '../models/CoverageFindingType.model';
export * from '../models/CoverageSummary.model';
export * from '../models/CoverageSummaryByGroupInner.model';
export * from '../models/EntityEscalation.model';
export * from '../models/EscalationContact.model';
export * from '../models/EscalationHours.model';
export * from '../models/EscalationTier.model';
export * from '../models/EscalationTierResponseMinutes.model';
export * from '../models/GetHealth200Response.model';
export * from '../models/GroupOwnership.model';
export * from '../models/MatrixPage.model';
export * from '../models/MatrixPageFacets.model';
export * from '../models/OwnershipMatrixRow.model';
export * from '../models/Problem.model';
export * from '../models/ProblemError.model';
export * from '../models/ProblemRequest.model';
export * from '../models/ProblemResponse.model';
export * from '../models/ServiceTier.model';
