export const documentsEn = {
  title: "Documents",
};
