export const rightsEn = {
  title: "Rights",
};
