export const calendarEn = {
  title: "Calendar",
};
