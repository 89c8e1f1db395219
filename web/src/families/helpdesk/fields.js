// The nine fields of 湘市监办发〔2022〕71号, in its order (as src/core/helpdesk.c).
export const FIELDS = [
  ['quality_management', '质量管理', 'Quality management'], ['quality_safety', '质量安全', 'Quality safety'],
  ['standardisation', '标准化', 'Standardisation'], ['metrology', '计量', 'Metrology'],
  ['accreditation_testing', '认可与检验检测', 'Accreditation and testing'], ['certification', '认证', 'Certification'],
  ['quality_innovation', '质量创新', 'Quality innovation'], ['intellectual_property', '知识产权', 'Intellectual property'],
  ['brand_building', '品牌建设', 'Brand building'],
];
